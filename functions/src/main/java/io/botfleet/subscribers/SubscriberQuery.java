package io.botfleet.subscribers;

import java.time.Instant;
import java.util.Optional;

/** Filters of a subscriber listing; all optional. {@code text} matches a substring of first name or username. */
public record SubscriberQuery(Optional<String> status, Optional<String> language, Optional<String> tag,
                              Optional<Instant> joinedFrom, Optional<Instant> joinedTo, Optional<Instant> lastActiveAfter,
                              Optional<String> text, int limit) {

    public static SubscriberQuery all(int limit) {
        return new SubscriberQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }

    public static SubscriberQuery status(String status, int limit) {
        return new SubscriberQuery(Optional.of(status), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }

    public SubscriberQuery withLimit(int newLimit) {
        return new SubscriberQuery(status, language, tag, joinedFrom, joinedTo, lastActiveAfter, text, newLimit);
    }

    /** The partition and index the query reads: part of a cursor's scope so it cannot be replayed elsewhere. */
    public String scope(String botId) {
        return "subscribers:" + botId + ":" + status.orElse("*");
    }
}
