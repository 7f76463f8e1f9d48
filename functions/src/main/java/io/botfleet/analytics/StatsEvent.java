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

    /** The id the bot's dedupe record keeps: the bot is already in that record's key. */
    public String localId() {
        String prefix = botId + ":";
        return eventId.startsWith(prefix) ? eventId.substring(prefix.length()) : eventId;
    }

    public boolean activity() {
        return (metric == Metric.MESSAGES_RECEIVED || metric == Metric.BUTTONS_PRESSED) && chatId != null && !chatId.isEmpty();
    }
}
