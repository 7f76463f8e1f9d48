package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one batch ended in this attempt.
 *
 * @param status        COMPLETED: every recipient has a terminal outcome; RETRY: some are left for the next delivery
 *                      of the SQS message (transient errors, out of time); PAUSED/CANCELLED: the campaign stopped
 * @param newOutcomes   outcomes recorded in this attempt, by kind (for the campaign's counters)
 * @param refusals      chats that answered a 403 in this attempt, with the outcome that says which (their subscribers
 *                      change state accordingly)
 * @param migrations    groups that Telegram said became supergroups; the message went to the supergroup
 * @param inDoubt       recipients a previous attempt left in flight
 * @param finishedNow   the batch was finished and counted in its campaign's progress by this attempt
 * @param stop          what in Telegram's answers stopped the sending before this batch was done, if anything
 * @param rateLimits    Telegram's 429 answers to this batch's requests in this attempt
 */
public record BatchResult(SendBatch batch, Status status, Map<DeliveryOutcome, Integer> newOutcomes,
                          List<Refusal> refusals, List<Migration> migrations, int inDoubt,
                          boolean finishedNow, Optional<Stop> stop, RateLimits rateLimits) {

    /**
     * PAUSED: the campaign was paused, or must be (see {@link #stop}); its unsent recipients stay pending in the
     * ledger for a resume, and the SQS message is done with. RETRY: the SQS message must be delivered again (when,
     * {@link #stop} may say).
     */
    public enum Status { COMPLETED, RETRY, PAUSED, CANCELLED }

    /**
     * Why sending stopped before the batch was done, other than its campaign's own state: what Telegram answered,
     * or the invocation's clock.
     */
    public sealed interface Stop {
        /** 401: the bot's token does not work any more; nothing can be sent as this bot until it is replaced. */
        record TokenRevoked() implements Stop {
            public static final String REASON = "token revoked";
        }

        /**
         * A 400 about the message itself (its media URL cannot be fetched or is the wrong kind, say): every
         * recipient would get the same answer, so the campaign pauses with Telegram's {@code reason}.
         */
        record ContentRejected(String reason) implements Stop {}

        /**
         * 429 with a {@code retry_after} longer than the invocation has left: the batch goes back to the queue and
         * should be delivered again only after {@code retryAfter}, instead of the sender sleeping past its timeout.
         */
        record HandBack(Duration retryAfter) implements Stop {}

        /**
         * The campaign's advertiser budget is spent: the campaign pauses before another batch starts, its unsent
         * recipients stay pending for a resume once the budget is raised.
         */
        record BudgetReached() implements Stop {
            public static final String REASON = "budget reached";
        }

        /** The invocation's time ran out before every wave could start: the rest can go on at once elsewhere. */
        record OutOfTime() implements Stop {}
    }

    /**
     * How often Telegram answered 429 and the longest {@code retry_after} it asked for: a bot sending near its
     * limit sees a few, a rising count means the pace (or another sender of the same bot) is too fast.
     */
    public record RateLimits(int answers, Duration longestRetryAfter) {
        public static final RateLimits NONE = new RateLimits(0, Duration.ZERO);

        public RateLimits plus(Duration retryAfter) {
            return plus(new RateLimits(1, retryAfter));
        }

        public RateLimits plus(RateLimits other) {
            return new RateLimits(answers + other.answers,
                    other.longestRetryAfter.compareTo(longestRetryAfter) > 0 ? other.longestRetryAfter : longestRetryAfter);
        }
    }

    /** A chat that refused the bot; {@code outcome} is BLOCKED, DEACTIVATED, NOT_STARTED or KICKED. */
    public record Refusal(long chatId, DeliveryOutcome outcome) {}

    /** A basic group that was upgraded: Telegram now knows it as {@code toChatId}. */
    public record Migration(long fromChatId, long toChatId) {}

    /** The chats that answered {@code outcome}. */
    public List<Long> refused(DeliveryOutcome outcome) {
        return refusals.stream().filter(r -> r.outcome() == outcome).map(Refusal::chatId).toList();
    }
}
