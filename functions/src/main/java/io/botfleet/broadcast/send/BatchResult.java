package io.botfleet.broadcast.send;

import java.util.List;
import java.util.Map;

/**
 * How one batch ended in this attempt.
 *
 * @param status        COMPLETED: every recipient has a terminal outcome; RETRY: some are left for the next delivery
 *                      of the SQS message (transient errors, out of time); PAUSED/CANCELLED: the campaign stopped
 * @param newOutcomes   outcomes recorded in this attempt, by kind (for the campaign's counters)
 * @param blockedChats  chats that answered 403 in this attempt (their subscribers are marked blocked)
 * @param inDoubt       recipients a previous attempt left in flight
 * @param finishedNow   the batch was finished and counted in its campaign's progress by this attempt
 */
public record BatchResult(SendBatch batch, Status status, Map<DeliveryOutcome, Integer> newOutcomes,
                          List<Long> blockedChats, int inDoubt,
                          boolean finishedNow) {

    public enum Status { COMPLETED, RETRY, PAUSED, CANCELLED }
}
