package io.botfleet.subscribers;

/** Per-bot counts by status, kept in the {@code #COUNTERS} item in the transactions that change a status. */
public record SubscriberCounts(long active, long blocked, long left, long total) {}
