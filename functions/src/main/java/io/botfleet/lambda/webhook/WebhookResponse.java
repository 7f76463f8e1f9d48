package io.botfleet.lambda.webhook;

import io.botfleet.webhook.BotReply;
import io.botfleet.webhook.WebhookOutcome;
import org.json.JSONStringer;

/**
 * The HTTP answer to Telegram: a status and a JSON body, {@code {}} or the Bot API call that carries the bot's reply.
 * Telegram redelivers after any status but 2xx, so only the refusals that may pass (ownership, retry) and those that
 * point at a wrong setup (source, bot, secret) are not 200.
 */
public record WebhookResponse(int status, String body) {

    public static WebhookResponse of(WebhookOutcome outcome) {
        return switch (outcome.verdict()) {
            case ACCEPTED -> new WebhookResponse(200, outcome.reply().map(WebhookResponse::call).orElse("{}"));
            case NOT_FROM_TELEGRAM -> error(403, "source address is not Telegram's");
            case UNKNOWN_BOT -> error(404, "unknown bot");
            case SECRET_MISMATCH -> error(401, "secret token mismatch");
            case NOT_OWNER -> error(503, "this deployment does not own the bot");
            case OWNERSHIP_MOVED -> error(503, "ownership moved");
            case RETRY -> error(500, "not processed");
        };
    }

    static WebhookResponse error(int status, String error) {
        return new WebhookResponse(status, new JSONStringer().object().key("error").value(error).endObject().toString());
    }

    private static String call(BotReply reply) {
        JSONStringer json = new JSONStringer();
        json.object();
        switch (reply) {
            case BotReply.AnswerCallback answer -> json.key("method").value("answerCallbackQuery")
                    .key("callback_query_id").value(answer.callbackQueryId());
            case BotReply.SendText send -> json.key("method").value("sendMessage")
                    .key("chat_id").value(send.chatId()).key("text").value(send.text());
        }
        return json.endObject().toString();
    }
}
