package io.botfleet.broadcast.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TelegramRateLimiterTest {

    @Test
    void pacesAtTheRateWithoutBurst() {
        TelegramRateLimiter limiter = new TelegramRateLimiter(100, 1);
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            limiter.acquire();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).isBetween(0.48, 0.75);
    }

    @Test
    void aPauseHoldsEverySendUntilItEnds() {
        TelegramRateLimiter limiter = new TelegramRateLimiter(1000, 1);
        limiter.acquire();
        limiter.pauseFor(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        limiter.acquire();
        assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(290);
    }

    @Test
    void forLimitKeepsHeadroomUnderTelegramsLimit() {
        assertThat(TelegramRateLimiter.forLimit(30).ratePerSecond()).isBetween(29.3, 29.5);
    }
}
