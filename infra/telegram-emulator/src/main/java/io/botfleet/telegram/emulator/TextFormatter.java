package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Locale;

/** Turns a text or caption plus parse_mode (or explicit entities) into what the recipient sees. */
final class TextFormatter {
    private static final int MAX_TEXT_LENGTH = 4096;


    private TextFormatter() {
    }

    /** A message's {@code text} with its {@code parse_mode} or {@code entities}, as sendMessage and editMessageText take it. */
    static FormattedText messageText(ApiParams params) {
        String raw = params.string("text");
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("message text is empty");
        }
        FormattedText text = format(raw, params.string("parse_mode"), params.json("entities"));
        if (text.text().isBlank()) {
            throw ApiException.badRequest("message text is empty");
        }
        if (text.text().length() > MAX_TEXT_LENGTH) {
            throw ApiException.badRequest("message is too long");
        }
        return text;
    }

    static FormattedText format(String raw, String parseMode, JsonNode explicitEntities) {
        if (parseMode == null || parseMode.isEmpty()) {
            ArrayNode entities = explicitEntities != null && explicitEntities.isArray() ? (ArrayNode) explicitEntities : Json.array();
            return new FormattedText(raw, entities);
        }
        return switch (parseMode.toLowerCase(Locale.ROOT)) {
            case "html" -> HtmlEntityParser.parse(raw);
            case "markdownv2" -> MarkdownV2EntityParser.parse(raw);
            case "markdown" -> MarkdownEntityParser.parse(raw);
            default -> throw ApiException.badRequest("unsupported parse_mode");
        };
    }
}
