package io.botfleet.analytics;

import java.util.List;

/** One events-queue message read once: the events the counters count, and every event for the raw archive. */
public record EventBatch(List<StatsEvent> counted, List<ArchivedEvent> archived) {

    public EventBatch {
        counted = List.copyOf(counted);
        archived = List.copyOf(archived);
    }
}
