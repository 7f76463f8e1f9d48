package io.botfleet.subscribers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Per-bot counts by status, kept in the {@code #COUNTERS} item in the transactions that change a status. The JSON
 * names are the statuses, so a client finds the count of a status under the status itself.
 */
public record SubscriberCounts(long active, long blocked, long left, long kicked, long deactivated,
                               @JsonProperty("not_started") long notStarted, long total) {

    /** Counts of a bot whose subscribers are only active, blocked or left (what a webhook alone produces). */
    public SubscriberCounts(long active, long blocked, long left, long total) {
        this(active, blocked, left, 0, 0, 0, total);
    }
}
