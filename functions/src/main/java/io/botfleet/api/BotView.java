package io.botfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.botfleet.bots.Bot;
import io.botfleet.bots.WebhookHealth;
import io.botfleet.ownership.Lease;
import io.botfleet.subscribers.SubscriberCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A bot as the API shows it: the token only masked, never the cipher text. {@code tokenRevoked}: Telegram refused the
 * stored token (401) when the platform last sent with it, at {@code tokenRevokedAt}; replacing the token clears it.
 * {@code tokenRequired}: restored from an export without its token, it sends nothing until the token is entered again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BotView(String id, String username, String displayName, String token, boolean tokenRevoked,
                      Instant tokenRevokedAt, boolean tokenRequired, String status, int sendRatePerSec,
                      boolean paidBroadcast, Bot.Replies replies, String webhookPolicy, String webhookState,
                      List<String> allowedUpdates, Instant createdAt, String createdBy, long version, Owner owner,
                      Webhook webhook, SubscriberCounts subscribers) {

    public record Owner(String instanceId, long epoch, Instant leaseUntil, boolean expired) {}

    public record Webhook(String url, String expectedUrl, boolean urlMismatch, int pendingUpdateCount, Instant lastErrorDate,
                          String lastErrorMessage, String action, Instant checkedAt) {}

    public static BotView of(Bot b, Optional<Lease> lease, Optional<WebhookHealth> health, SubscriberCounts subscribers,
                             Instant now) {
        return new BotView(b.botId(), b.username(), b.displayName(), b.tokenMask(), b.tokenRevokedAt() != null,
                b.tokenRevokedAt(), b.tokenRequired(), b.status(), b.sendRatePerSec(),
                b.paidBroadcast(), b.replies(), b.webhookPolicy(), b.webhookState(), b.allowedUpdates(), b.createdAt(),
                b.createdBy(), b.version(),
                lease.map(l -> new Owner(l.ownerId(), l.epoch(), l.leaseUntil(), l.expired(now))).orElse(null),
                health.map(h -> new Webhook(h.url(), h.expectedUrl(), h.urlMismatch(), h.pendingUpdateCount(),
                        h.lastErrorDate().orElse(null), h.lastErrorMessage().orElse(null), h.action(), h.checkedAt())).orElse(null),
                subscribers);
    }
}
