package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Rejects inline keyboards Telegram would reject; other keyboards pass through untouched. */
final class ReplyMarkupValidator {

    private static final Set<String> BUTTON_URL_SCHEMES = Set.of("http", "https", "tg");
    private static final int MAX_CALLBACK_DATA_BYTES = 64;

    private ReplyMarkupValidator() {
    }

    static void validate(JsonNode replyMarkup) {
        if (replyMarkup == null) {
            return;
        }
        if (!replyMarkup.isObject()) {
            throw ApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        JsonNode rows = replyMarkup.get("inline_keyboard");
        if (rows == null) {
            return;
        }
        if (!rows.isArray()) {
            throw ApiException.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array");
        }
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw ApiException.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
            }
            for (JsonNode button : row) {
                validateButton(button);
            }
        }
    }

    private static void validateButton(JsonNode button) {
        JsonNode callbackData = button.get("callback_data");
        if (callbackData != null) {
            int bytes = callbackData.asText().getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
                throw ApiException.badRequest("BUTTON_DATA_INVALID");
            }
        }
        JsonNode url = button.get("url");
        if (url != null && !isButtonUrl(url.asText())) {
            throw ApiException.badRequest("BUTTON_URL_INVALID");
        }
    }

    private static boolean isButtonUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && BUTTON_URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && (uri.getHost() != null || uri.getScheme().equalsIgnoreCase("tg"));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
