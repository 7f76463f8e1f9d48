package io.botfleet.telegram.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The limiter on synthetic time: what a client pacing at a given rate sees, with no clock in the test. */
class SendRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    /** Sends to distinct chats at exactly {@code perSecond}, with arrival jitter of up to {@code jitterMillis}. */
    private static int rejectedWhenPacedAt(int perSecond, int sends, long jitterMillis) {
        SendRateLimiter limiter = new SendRateLimiter();
        int rejected = 0;
        for (int i = 0; i < sends; i++) {
            long jitter = (i % 2 == 0 ? 1 : -1) * jitterMillis * 1_000_000L;
            long now = 10 * SECOND + i * SECOND / perSecond + jitter;
            if (limiter.tryAcquire(1000 + i, false, Limits.TELEGRAM_DEFAULTS, now) > 0) {
                rejected++;
            }
        }
        return rejected;
    }

    @Test
    void aClientPacedAtThirtyPerSecondIsNeverRejectedEvenWithArrivalJitter() {
        assertThat(rejectedWhenPacedAt(30, 300, 0)).isZero();
        assertThat(rejectedWhenPacedAt(30, 300, 5)).isZero();
    }

    @Test
    void aClientPacedAtThirtyOnePerSecondIsRejectedSometimes() {
        assertThat(rejectedWhenPacedAt(31, 93, 0)).isPositive();
    }

    @Test
    void aRejectedSendIsNotCountedAndSaysHowLongToWait() {
        SendRateLimiter limiter = new SendRateLimiter();
        Limits oneChat = new Limits(30, 1000, 1, 20, 1);
        assertThat(limiter.tryAcquire(7, false, oneChat, SECOND)).isZero();
        long wait = limiter.tryAcquire(7, false, oneChat, SECOND + 1);
        assertThat(wait).isPositive().isLessThanOrEqualTo(SECOND);
        assertThat(limiter.tryAcquire(7, false, oneChat, SECOND + 1 + wait)).isZero();
    }

    @Test
    void aPrivateChatTakesAShortBurstThenOnePerSecond() {
        SendRateLimiter limiter = new SendRateLimiter();
        Limits limits = Limits.TELEGRAM_DEFAULTS;
        long start = 5 * SECOND;

        assertThat(limiter.tryAcquire(7, false, limits, start)).isZero();
        assertThat(limiter.tryAcquire(7, false, limits, start + 1)).isZero();
        assertThat(limiter.tryAcquire(7, false, limits, start + 2)).isZero();
        long wait = limiter.tryAcquire(7, false, limits, start + 3);
        assertThat(wait).isPositive().isLessThanOrEqualTo(SECOND);
        assertThat(SendRateLimiter.retryAfterSeconds(wait)).isEqualTo(1);
        assertThat(limiter.tryAcquire(7, false, limits, start + 3 + wait)).isZero();
        // the burst is spent: the next one again waits about a second
        assertThat(limiter.tryAcquire(7, false, limits, start + 4 + wait)).isPositive();
        // another chat has its own allowance
        assertThat(limiter.tryAcquire(8, false, limits, start + 4 + wait)).isZero();
    }

    @Test
    void sendingToOneChatFasterThanOnePerSecondIsRefusedSoonerOrLater() {
        SendRateLimiter limiter = new SendRateLimiter();
        int accepted = 0;
        for (int i = 0; i < 40; i++) {
            if (limiter.tryAcquire(7, false, Limits.TELEGRAM_DEFAULTS, 10 * SECOND + i * SECOND / 2) == 0) {
                accepted++;
            }
        }
        // 20 seconds at two per second: the burst of 3 plus about one per second
        assertThat(accepted).isBetween(21, 24);
    }

    @Test
    void oneChatPacedAtOnePerSecondIsNeverRefusedEvenWithoutABurst() {
        for (Limits limits : new Limits[] {Limits.TELEGRAM_DEFAULTS, new Limits(30, 1000, 1, 20, 1)}) {
            SendRateLimiter limiter = new SendRateLimiter();
            for (int i = 0; i < 120; i++) {
                long jitter = (i % 2 == 0 ? 1 : -1) * 5_000_000L;
                assertThat(limiter.tryAcquire(7, false, limits, 10 * SECOND + i * SECOND + jitter)).as("send " + i).isZero();
            }
        }
    }
}
