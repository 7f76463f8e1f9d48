package io.botfleet.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import io.botfleet.shared.json.JsonStreams;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Events as the aggregator reads them, {@code {"v":1,"events":[...]}} (the events queue's message, and what the
 * stream consumer hands the aggregator for an accepted update); written field by field (see JsonStreams).
 */
public final class BotEventsJson {
    private BotEventsJson() {}

    public static String body(List<BotEvent> events) {
        return JsonStreams.write(json -> {
            json.writeStartObject();
            json.writeNumberField("v", 1);
            json.writeArrayFieldStart("events");
            for (BotEvent event : events) {
                write(event, json);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void write(BotEvent event, JsonGenerator json) throws IOException {
        json.writeStartObject();
        stringField(json, "eventId", event.eventId());
        stringField(json, "type", event.type());
        stringField(json, "botId", event.botId());
        stringField(json, "chatId", event.chatId());
        stringField(json, "at", event.at());
        json.writeNumberField("updateId", event.updateId());
        if (event.attributes() != null && !event.attributes().isEmpty()) {
            json.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
                stringField(json, attribute.getKey(), attribute.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void stringField(JsonGenerator json, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(name, value);
        }
    }
}

