package io.botfleet.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an events-queue message, {@code {"v":1,"events":[...]}} as the webhook writes it. A message that is not one
 * is refused (and ends in the queue's DLQ after its retries); an event of a type nothing counts yet is skipped, so
 * producers can add types before the aggregator counts them.
 */
public final class EventBatchJson {
    private EventBatchJson() {}

    public static List<StatsEvent> read(String body) {
        JsonNode root = Json.read(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        if (root.path("v").asInt(0) != 1 || !root.path("events").isArray()) {
            throw new IllegalArgumentException("not an events message (v 1 with an events array)");
        }
        List<StatsEvent> events = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            var metric = Metric.forEventType(event.path("type").asText(""));
            if (metric.isEmpty()) {
                continue;
            }
            long updateId = event.path("updateId").asLong(0);
            if (updateId <= 0) {
                // the dedupe record knows an event by its update: without one, distinct events would look alike
                throw new IllegalArgumentException("event without a positive updateId");
            }
            events.add(new StatsEvent(required(event, "eventId"), metric.get(), required(event, "botId"),
                    event.path("chatId").asText(""), instant(required(event, "at")), updateId));
        }
        return events;
    }

    private static String required(JsonNode event, String field) {
        String value = event.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("event without " + field);
        }
        return value;
    }

    private static Instant instant(String at) {
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event with an unreadable at", e);
        }
    }
}
