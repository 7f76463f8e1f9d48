package io.botfleet.broadcast.send;

import java.util.List;
import java.util.Map;

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
 */
public record BatchResult(SendBatch batch, Status status, Map<DeliveryOutcome, Integer> newOutcomes,
                          List<Refusal> refusals, List<Migration> migrations, int inDoubt,
                          boolean finishedNow) {

    public enum Status { COMPLETED, RETRY, PAUSED, CANCELLED }

    /** A chat that refused the bot; {@code outcome} is BLOCKED, DEACTIVATED, NOT_STARTED or KICKED. */
    public record Refusal(long chatId, DeliveryOutcome outcome) {}

    /** A basic group that was upgraded: Telegram now knows it as {@code toChatId}. */
    public record Migration(long fromChatId, long toChatId) {}

    /** The chats that answered {@code outcome}. */
    public List<Long> refused(DeliveryOutcome outcome) {
        return refusals.stream().filter(r -> r.outcome() == outcome).map(Refusal::chatId).toList();
    }
}
