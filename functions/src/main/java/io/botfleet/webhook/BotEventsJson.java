package io.botfleet.webhook;

import java.util.List;
import java.util.Map;
import org.json.JSONStringer;

/**
 * Events as the aggregator reads them, {@code {"v":1,"events":[...]}} (the events queue's message, and what the
 * stream consumer hands the aggregator for an accepted update); written field by field (see JsonObjects).
 */
public final class BotEventsJson {
    private BotEventsJson() {}

    public static String body(List<BotEvent> events) {
        JSONStringer json = new JSONStringer();
        json.object().key("v").value(1).key("events").array();
        for (BotEvent event : events) {
            write(event, json);
        }
        return json.endArray().endObject().toString();
    }

    private static void write(BotEvent event, JSONStringer json) {
        json.object();
        stringField(json, "eventId", event.eventId());
        stringField(json, "type", event.type());
        stringField(json, "botId", event.botId());
        stringField(json, "chatId", event.chatId());
        stringField(json, "at", event.at());
        json.key("updateId").value(event.updateId());
        if (event.attributes() != null && !event.attributes().isEmpty()) {
            json.key("attributes").object();
            for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
                stringField(json, attribute.getKey(), attribute.getValue());
            }
            json.endObject();
        }
        json.endObject();
    }

    private static void stringField(JSONStringer json, String name, String value) {
        if (value != null && !value.isEmpty()) {
            json.key(name).value(value);
        }
    }
}
