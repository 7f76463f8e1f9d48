package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Bot API answer: the HTTP status and Telegram's envelope.
 *
 * @param acceptedSend true when a send method delivered its message (what the accepted-then-slow fault delays)
 */
record ApiOutcome(int status, ObjectNode body, boolean acceptedSend) {

    static ApiOutcome ok(JsonNode result) {
        return ok(result, false);
    }

    static ApiOutcome ok(JsonNode result, boolean acceptedSend) {
        ObjectNode body = Json.object().put("ok", true);
        body.set("result", result);
        return new ApiOutcome(200, body, acceptedSend);
    }

    static ApiOutcome error(ApiException e) {
        ObjectNode body = Json.object().put("ok", false).put("error_code", e.status()).put("description", e.description());
        if (e.status() == 429) {
            body.putObject("parameters").put("retry_after", e.retryAfterSeconds());
        }
        if (e.migrateToChatId() != 0) {
            body.putObject("parameters").put("migrate_to_chat_id", e.migrateToChatId());
        }
        return new ApiOutcome(e.status(), body, false);
    }
}
