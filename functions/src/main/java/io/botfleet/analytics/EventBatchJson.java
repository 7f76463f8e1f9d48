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
 * is refused (and ends in the queue's DLQ after its retries). Every event is archived as written, so each must name
 * its id, bot and time (they place it in the archive); an event of a type nothing counts yet is archived but not
 * counted, so producers can add types before the aggregator counts them.
 */
public final class EventBatchJson {
    private EventBatchJson() {}

    /** The events the counters count. */
    public static List<StatsEvent> read(String body) {
        return batch(body).counted();
    }

    public static EventBatch batch(String body) {
        JsonNode root = Json.read(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        if (root.path("v").asInt(0) != 1 || !root.path("events").isArray()) {
            throw new IllegalArgumentException("not an events message (v 1 with an events array)");
        }
        List<StatsEvent> counted = new ArrayList<>();
        List<ArchivedEvent> archived = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            ArchivedEvent raw = archivedEvent(event);
            archived.add(raw);
            var metric = Metric.forEventType(event.path("type").asText(""));
            if (metric.isEmpty()) {
                continue;
            }
            long updateId = event.path("updateId").asLong(0);
            if (updateId <= 0) {
                // the dedupe record knows an event by its update: without one, distinct events would look alike
                throw new IllegalArgumentException("event without a positive updateId");
            }
            counted.add(new StatsEvent(raw.eventId(), metric.get(), raw.botId(), event.path("chatId").asText(""), raw.at(), updateId));
        }
        return new EventBatch(counted, archived);
    }

    /** One line of an archive file, as {@link #batch} archived it. */
    public static ArchivedEvent archivedEvent(String line) {
        return archivedEvent(Json.read(line.getBytes(StandardCharsets.UTF_8), JsonNode.class));
    }

    private static ArchivedEvent archivedEvent(JsonNode event) {
        if (!event.isObject()) {
            throw new IllegalArgumentException("an event is an object");
        }
        String botId = required(event, "botId");
        if (!ArchiveKeys.BOT_ID.matcher(botId).matches()) {
            throw new IllegalArgumentException("event with a botId that cannot name a partition");
        }
        // compact JSON escapes line breaks inside strings: one event, one line
        return new ArchivedEvent(required(event, "eventId"), botId, instant(required(event, "at")), event.toString());
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
