package io.botfleet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API's fixed-window rate limit on given instants: where a window starts and ends, and what a refusal says. */
class RateLimiterTest {
    static final Instant MINUTE = Instant.parse("2026-11-30T09:00:00Z");

    final RateLimiter limiter = new RateLimiter(new InMemoryCounters(), 5, Duration.ofMinutes(1));

    @Test
    void theCallAfterTheLimitIsRefusedUntilTheWindowEnds() {
        for (int i = 0; i < 5; i++) {
            RateLimiter.Decision d = limiter.acquire("ip:192.0.2.50", MINUTE.plusSeconds(10 + i));
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(4 - i);
        }

        RateLimiter.Decision refused = limiter.acquire("ip:192.0.2.50", MINUTE.plusMillis(20_500));

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).as("39.5 s to the next minute, rounded up").isEqualTo(40);
    }

    @Test
    void theNextWindowStartsAfreshAtTheTopOfTheMinute() {
        for (int i = 0; i < 6; i++) {
            limiter.acquire("ip:192.0.2.50", MINUTE.plusSeconds(59));
        }

        assertThat(limiter.acquire("ip:192.0.2.50", MINUTE.plusSeconds(60)).allowed()).isTrue();
    }

    @Test
    void callsAtTheEndOfOneWindowAndTheStartOfTheNextAreCountedApart() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("ip:192.0.2.50", MINUTE.plusSeconds(58)).allowed()).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("ip:192.0.2.50", MINUTE.plusSeconds(61)).allowed()).isTrue();
        }

        assertThat(limiter.acquire("ip:192.0.2.50", MINUTE.plusSeconds(62)).allowed()).isFalse();
    }

    @Test
    void aRefusalInTheLastMomentOfAWindowSaysToWaitAtLeastASecond() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("user:u1", MINUTE);
        }

        assertThat(limiter.acquire("user:u1", MINUTE.plus(Duration.ofMillis(59_999))).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void eachSubjectHasItsOwnBudget() {
        for (int i = 0; i < 6; i++) {
            limiter.acquire("ip:192.0.2.50", MINUTE);
        }

        assertThat(limiter.acquire("ip:192.0.2.51", MINUTE).allowed()).isTrue();
        assertThat(limiter.acquire("key:abcdefghijkl", MINUTE).allowed()).isTrue();
    }
}
