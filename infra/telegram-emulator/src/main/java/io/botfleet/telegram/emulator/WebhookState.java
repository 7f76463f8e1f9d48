package io.botfleet.telegram.emulator;

import java.time.Instant;
import java.util.List;

/**
 * What {@code getWebhookInfo} reports, plus whether a secret token is set (never the secret itself).
 *
 * @param url                empty when no webhook is set
 * @param lastErrorDate      null when no delivery has failed
 * @param lastErrorMessage   null when no delivery has failed
 * @param allowedUpdates     empty means all update types
 */
public record WebhookState(
        String url,
        boolean hasCustomCertificate,
        int pendingUpdateCount,
        Instant lastErrorDate,
        String lastErrorMessage,
        int maxConnections,
        List<String> allowedUpdates,
        boolean hasSecretToken) {
}
