package io.botfleet.analytics;

import java.time.Instant;

/**
 * One analytics event as the aggregator counts it, parsed once from the events queue.
 *
 * @param eventId {@code <botId>:<updateId>:<type>}, the same for every copy of the event
 * @param metric  the counter it adds one to
 * @param chatId  the chat it came from; counts it active that day when it wrote (a message or a button)
 */
public record StatsEvent(String eventId, Metric metric, String botId, String chatId, Instant at, long updateId) {

    /**
     * What the event's dedupe record keeps of its id ({@code <botId>:<updateId>:<type>}): bot and the run of update
     * ids are in the record's key, so the update's offset in the run and the metric's number (e.g. {@code 317.4})
     * say the rest. A record is rewritten whole at each commit and DynamoDB bills an update by the item's size, so
     * every byte here is paid again on each batch.
     */
    public String localId() {
        return (updateId % StatsAggregator.UPDATES_PER_RECORD) + "." + metric.ordinal();
    }

    public boolean activity() {
        return (metric == Metric.MESSAGES_RECEIVED || metric == Metric.BUTTONS_PRESSED) && chatId != null && !chatId.isEmpty();
    }
}
