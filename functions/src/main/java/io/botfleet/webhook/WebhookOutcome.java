package io.botfleet.webhook;

import java.util.Optional;

/**
 * What the webhook decided about one request from Telegram, and the bot's reply when it has one. {@code recorded}:
 * the update was newly recorded, so the stream consumer counts it (the webhook writes no metrics line for it).
 */
public record WebhookOutcome(Verdict verdict, Optional<BotReply> reply, boolean recorded) {

    public enum Verdict {
        /** Processed, a duplicate, or parked: Telegram must not deliver it again. */
        ACCEPTED,
        /** The request's source address is outside Telegram's networks (only with the source check on). */
        NOT_FROM_TELEGRAM,
        UNKNOWN_BOT,
        SECRET_MISMATCH,
        /** Another deployment owns the bot: Telegram keeps the update until the webhook points there. */
        NOT_OWNER,
        /** The bot's ownership moved while the update was being recorded. */
        OWNERSHIP_MOVED,
        /** A failure that may pass: Telegram delivers the update again, in order. */
        RETRY
    }

    static WebhookOutcome accepted() {
        return new WebhookOutcome(Verdict.ACCEPTED, Optional.empty(), false);
    }

    static WebhookOutcome recorded(Optional<BotReply> reply) {
        return new WebhookOutcome(Verdict.ACCEPTED, reply, true);
    }

    static WebhookOutcome refused(Verdict verdict) {
        return new WebhookOutcome(verdict, Optional.empty(), false);
    }
}
