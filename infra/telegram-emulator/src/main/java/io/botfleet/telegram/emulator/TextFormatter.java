package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Locale;

/** Turns a text or caption plus parse_mode (or explicit entities) into what the recipient sees. */
final class TextFormatter {

    private TextFormatter() {
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
