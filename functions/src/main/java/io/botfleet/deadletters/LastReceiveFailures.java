package io.botfleet.deadletters;

import java.time.Clock;

/**
 * Records why a message failed when the failure sends it to the dead-letter queue: only on the last receive its
 * queue allows ({@code receiveCount >= maxReceiveCount}), so the frequent failures that SQS simply retries cost no
 * write. A message that a function gives up on without reporting (a timeout, a crash) reaches the dead-letter queue
 * without a reason; the list says so.
 */
public final class LastReceiveFailures {
    private final FailureReasons reasons;
    private final Clock clock;

    public LastReceiveFailures(FailureReasons reasons, Clock clock) {
        this.reasons = reasons;
        this.clock = clock;
    }

    /** @return true if the failure was the last allowed and its reason was recorded */
    public boolean failed(String messageId, int receiveCount, int maxReceiveCount, String reason) {
        if (maxReceiveCount < 1 || receiveCount < maxReceiveCount) {
            return false;
        }
        reasons.record(new FailureReason(messageId, reason, clock.instant(), receiveCount));
        return true;
    }
}
