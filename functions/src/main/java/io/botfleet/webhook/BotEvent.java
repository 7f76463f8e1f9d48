package io.botfleet.webhook;

import java.util.Map;

/**
 * A small analytics event. Carried by the accepted update's record (see {@link AcceptedUpdate}) and handed to the
 * aggregator by the stream consumer as {@code {"v":1,"events":[...]}} (absent and empty fields are left out).
 * {@code eventId} ({@code <botId>:<updateId>:<type>}) lets the consumer drop the duplicates a retried update may
 * cause. Never carries message text.
 *
 * @param type {@code subscriber.joined}, {@code subscriber.left}, {@code subscriber.blocked},
 *             {@code subscriber.unblocked}, {@code message.received}, {@code button.pressed}
 */
public record BotEvent(String eventId, String type, String botId, String chatId, String at, long updateId,
                       Map<String, String> attributes) {

    public static BotEvent of(String type, String botId, String chatId, String at, long updateId, Map<String, String> attributes) {
        return new BotEvent(botId + ":" + updateId + ":" + type, type, botId, chatId, at, updateId, attributes);
    }
}
