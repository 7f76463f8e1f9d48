package io.botfleet.telegram.emulator;

/**
 * One private chat's send allowance, a token bucket: it holds up to {@code capacity} sends and regains one every
 * {@code refillNanosPerSend}. Kept as nanoseconds of credit rather than fractional sends, so that waiting exactly
 * the time it answers always suffices. Not thread-safe: {@link SendRateLimiter} guards it.
 */
final class ChatAllowance {

    private long credit;
    private long refilledAt;
    private boolean used;

    /** Zero if a send at {@code now} is allowed, else the nanoseconds until it would be. */
    long nanosUntilFree(long now, long refillNanosPerSend, int capacity) {
        long full = refillNanosPerSend * capacity;
        if (!used) {
            used = true;
            credit = full;
        } else if (now > refilledAt) {
            credit = Math.min(full, credit + (now - refilledAt));
        }
        refilledAt = Math.max(refilledAt, now);
        return Math.max(0, refillNanosPerSend - credit);
    }

    /** Records a send that {@link #nanosUntilFree} allowed. */
    void take(long refillNanosPerSend) {
        credit -= refillNanosPerSend;
    }
}
