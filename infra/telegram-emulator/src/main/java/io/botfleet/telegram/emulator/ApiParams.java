package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The parameters of one Bot API call, whatever encoding they came in. Form and multipart requests carry every
 * value as a string, JSON-serialized objects included, so the accessors accept both shapes.
 */
final class ApiParams {

    private final ObjectNode values;
    private final Map<String, UploadedFile> files;

    ApiParams(ObjectNode values, Map<String, UploadedFile> files) {
        this.values = values;
        this.files = files;
    }

    static ApiParams of(ObjectNode values) {
        return new ApiParams(values, Map.of());
    }

    boolean has(String name) {
        JsonNode node = values.get(name);
        return node != null && !node.isNull();
    }

    String string(String name) {
        JsonNode node = values.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    boolean bool(String name) {
        JsonNode node = values.get(name);
        if (node == null || node.isNull()) {
            return false;
        }
        return node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asText());
    }

    Integer integer(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("field \"" + name + "\" must be an integer");
        }
    }

    /** Chat ids may be numbers or {@code @username} strings; the emulator knows only numeric chats. */
    long chatId(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("chat_id is empty");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("chat not found");
        }
    }

    long requiredLong(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest(name + " is empty");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("field \"" + name + "\" must be an integer");
        }
    }

    /**
     * A message id as Telegram reads it: missing, non-numeric or negative values are 0, which no message has, so
     * they end up as "message ... not found" rather than a parameter error.
     */
    long messageId(String name) {
        String value = string(name);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A JSON-serialized parameter: an object/array in JSON bodies, a string holding JSON in form bodies. */
    JsonNode json(String name) {
        JsonNode node = values.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            JsonNode parsed = Json.parse(node.textValue());
            if (parsed == null) {
                throw ApiException.badRequest("can't parse " + name + " JSON object");
            }
            return parsed;
        }
        return node;
    }

    UploadedFile file(String name) {
        return files.get(name);
    }
}
