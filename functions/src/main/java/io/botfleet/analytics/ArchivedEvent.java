package io.botfleet.analytics;

import java.time.Instant;

/**
 * One raw event as the archive keeps it: the event's JSON object exactly as the producer wrote it (one line of an
 * archived NDJSON file, every type and attribute included, counted or not) with the fields that place it.
 *
 * @param eventId {@code <botId>:<updateId>:<type>}, the same for every copy of the event: retrieval keeps one
 * @param json    the event's JSON object on one line
 */
public record ArchivedEvent(String eventId, String botId, Instant at, String json) {

    public ArchivedEvent {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an archived event is one line");
        }
    }
}
