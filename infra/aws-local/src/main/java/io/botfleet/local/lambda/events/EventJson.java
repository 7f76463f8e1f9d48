package io.botfleet.local.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON of events and responses, written and read as the Lambda service does: plain trees, no bindings. */
final class EventJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree of a payload, or null when it is not JSON. */
    static JsonNode parse(byte[] payload) {
        try {
            return MAPPER.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }
}
