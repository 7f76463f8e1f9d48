package io.botfleet.bots;

import java.time.Instant;
import java.util.Optional;

/**
 * What the owner last saw of a bot's webhook at Telegram ({@code WEBHOOK} item), written by the heartbeat.
 *
 * @param action what the heartbeat did about it: {@code none}, {@code restored}, {@code detached}, {@code claimed}
 */
public record WebhookHealth(
        String botId,
        String url,
        String expectedUrl,
        boolean urlMismatch,
        int pendingUpdateCount,
        Optional<Instant> lastErrorDate,
        Optional<String> lastErrorMessage,
        int maxConnections,
        String ownerId,
        long epoch,
        String action,
        Instant checkedAt) {}
