package io.botfleet.webhook;

import java.util.Optional;

/** What the webhook decided about one request from Telegram, and the bot's reply when it has one. */
public record WebhookOutcome(Verdict verdict, Optional<BotReply> reply) {

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
        return new WebhookOutcome(Verdict.ACCEPTED, Optional.empty());
    }

    static WebhookOutcome accepted(Optional<BotReply> reply) {
        return new WebhookOutcome(Verdict.ACCEPTED, reply);
    }

    static WebhookOutcome refused(Verdict verdict) {
        return new WebhookOutcome(verdict, Optional.empty());
    }
}
