package io.botfleet.bots;

import java.time.Instant;
import java.util.List;

/**
 * A registered bot (the {@code PROFILE} item). The token is only here encrypted ({@code tokenCipher}) and masked
 * ({@code tokenMask}); {@link #toString()} leaves the cipher text out too.
 *
 * @param status         {@code active} / {@code paused} / {@code disabled}
 * @param webhookPolicy  {@code restore}: the heartbeat re-points a webhook changed elsewhere; {@code leave}: it marks
 *                       the bot detached and alerts instead
 * @param webhookState   {@code attached} (points at the owner), {@code detached} (changed elsewhere, left alone),
 *                       {@code unknown} (not checked yet)
 * @param tokenRevokedAt when a sender found the stored token refused (401: revoked in BotFather); null while it
 *                       works. Replacing the token clears it.
 */
public record Bot(
        String botId,
        String username,
        String displayName,
        String tokenCipher,
        String tokenMask,
        String status,
        int sendRatePerSec,
        boolean paidBroadcast,
        Replies replies,
        String webhookPolicy,
        String webhookState,
        List<String> allowedUpdates,
        Instant createdAt,
        String createdBy,
        long version,
        Instant tokenRevokedAt) {

    public static final int DEFAULT_SEND_RATE = 30;
    public static final int MAX_FREE_SEND_RATE = 30;
    public static final int MAX_PAID_SEND_RATE = 1000;
    /** A bot whose token was not found revoked. */
    public Bot(String botId, String username, String displayName, String tokenCipher, String tokenMask, String status,
               int sendRatePerSec, boolean paidBroadcast, Replies replies, String webhookPolicy, String webhookState,
               List<String> allowedUpdates, Instant createdAt, String createdBy, long version) {
        this(botId, username, displayName, tokenCipher, tokenMask, status, sendRatePerSec, paidBroadcast, replies,
                webhookPolicy, webhookState, allowedUpdates, createdAt, createdBy, version, null);
    }

    public static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query", "my_chat_member");

    /**
     * What the bot answers to {@code /start} and {@code /stop}, sent as the webhook response itself; an empty text
     * means no reply.
     */
    public record Replies(String start, String stop) {
        public static final Replies DEFAULTS = new Replies(
                "Welcome! You are subscribed. Send /stop to unsubscribe.",
                "You are unsubscribed. Send /start to subscribe again.");
    }

    /**
     * Whether the bot has no token: restored from an export, which never holds tokens (docs/backup-restore.md). It
     * sends nothing and its webhook is left alone until an admin enters the token again (PUT /api/bots/{id}/token).
     */
    public boolean tokenRequired() {
        return tokenCipher == null || tokenCipher.isEmpty();
    }

    public Bot withVersion(long v) {
        return new Bot(botId, username, displayName, tokenCipher, tokenMask, status, sendRatePerSec, paidBroadcast,
                replies, webhookPolicy, webhookState, allowedUpdates, createdAt, createdBy, v, tokenRevokedAt);
    }

    /** A new token: whatever was found about the old one does not hold for it. */
    public Bot withToken(String cipher, String mask) {
        return new Bot(botId, username, displayName, cipher, mask, status, sendRatePerSec, paidBroadcast,
                replies, webhookPolicy, webhookState, allowedUpdates, createdAt, createdBy, version, null);
    }

    public Bot withSettings(String displayName, int sendRatePerSec, boolean paidBroadcast, Replies replies, String webhookPolicy) {
        return new Bot(botId, username, displayName, tokenCipher, tokenMask, status, sendRatePerSec, paidBroadcast,
                replies, webhookPolicy, webhookState, allowedUpdates, createdAt, createdBy, version, tokenRevokedAt);
    }

    public Bot withWebhookState(String state) {
        return new Bot(botId, username, displayName, tokenCipher, tokenMask, status, sendRatePerSec, paidBroadcast,
                replies, webhookPolicy, state, allowedUpdates, createdAt, createdBy, version, tokenRevokedAt);
    }

    @Override
    public String toString() {
        return "Bot[id=" + botId + ", username=" + username + ", token=" + tokenMask + ", status=" + status
                + (tokenRevokedAt != null ? ", tokenRevokedAt=" + tokenRevokedAt : "") + "]";
    }
}
