package io.botfleet.broadcast.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter on a test's clock: waiting advances it, so pacing is checked exactly and without sleeping. */
class TelegramRateLimiterTest {

    @Test
    void pacesAtTheRateWithoutBurst() {
        ManualTicker ticker = new ManualTicker();
        TelegramRateLimiter limiter = new TelegramRateLimiter(100, 1, ticker);
        long start = ticker.nanos();
        for (int i = 0; i < 50; i++) {
            limiter.acquire();
        }
        // one slot every 10 ms, the first one interval after creation
        assertThat(ticker.nanos() - start).isEqualTo(Duration.ofMillis(500).toNanos());
    }

    @Test
    void aLateCallerDoesNotTurnTheBacklogIntoABurst() {
        ManualTicker ticker = new ManualTicker();
        TelegramRateLimiter limiter = new TelegramRateLimiter(100, 1, ticker);
        limiter.acquire();
        ticker.advance(Duration.ofMillis(200)); // a GC pause: twenty slots went by unused
        long beforeSecond = ticker.nanos();
        limiter.acquire();
        limiter.acquire();
        assertThat(ticker.nanos() - beforeSecond).as("the next send waits a full interval, not zero")
                .isEqualTo(Duration.ofMillis(10).toNanos());
    }

    @Test
    void aPauseHoldsEverySendUntilItEnds() {
        ManualTicker ticker = new ManualTicker();
        TelegramRateLimiter limiter = new TelegramRateLimiter(1000, 1, ticker);
        limiter.acquire();
        limiter.pauseFor(Duration.ofMillis(300));
        long pausedAt = ticker.nanos();
        limiter.acquire();
        assertThat(ticker.nanos() - pausedAt).isEqualTo(Duration.ofMillis(300).toNanos());
    }

    @Test
    void aWaitingCallerGivesUpAsSoonAsItIsToldToAndLeavesThePauseInPlace() {
        ManualTicker ticker = new ManualTicker();
        TelegramRateLimiter limiter = new TelegramRateLimiter(1000, 1, ticker);
        limiter.acquire();
        limiter.pauseFor(Duration.ofSeconds(30));
        long pausedAt = ticker.nanos();
        // told to give up 200 ms into a 30 s pause (say, the batch was handed back to the queue)
        boolean sent = limiter.acquire(() -> ticker.nanos() - pausedAt >= Duration.ofMillis(200).toNanos());
        assertThat(sent).isFalse();
        assertThat(ticker.nanos() - pausedAt).isLessThanOrEqualTo(Duration.ofMillis(200).toNanos() + TelegramRateLimiter.ABANDON_CHECK_NANOS);
        // whoever sends next still waits for the end of the pause
        assertThat(limiter.acquire(() -> false)).isTrue();
        assertThat(ticker.nanos() - pausedAt).isGreaterThanOrEqualTo(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void forLimitKeepsHeadroomUnderTelegramsLimit() {
        assertThat(TelegramRateLimiter.forLimit(30).ratePerSecond()).isBetween(29.3, 29.5);
    }
}
