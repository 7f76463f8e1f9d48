package io.botfleet.broadcast.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
    void aFirstSendThatAnsweredLateIsCountedFromItsAnswer() {
        ManualTicker ticker = new ManualTicker();
        TelegramRateLimiter limiter = TelegramRateLimiter.forLimit(30, ticker);
        limiter.acquire();
        // the connection's first request: it may have reached Telegram only just before its answer, 150 ms later
        ticker.advance(Duration.ofMillis(150));
        long answeredAt = ticker.nanos();
        limiter.lastSendAnswered();
        List<Long> next = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            limiter.acquire();
            next.add(ticker.nanos());
        }
        // thirty more would otherwise fill the second after the answer together with the first: the thirtieth waits
        assertThat(next.get(29) - answeredAt).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(next.get(28) - answeredAt).as("the others keep the pace").isLessThan(Duration.ofSeconds(1).toNanos());
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
    void sendsWhoseSlotsWentByInAStallDoNotLeaveTogether() {
        // sixty sends of one bot at the free 30/s, every slot handed out at once (as a wave's requests start); after
        // a third of a second the machine stalls for half a second
        List<Long> departures = departures(60, TelegramRateLimiter::forLimit, 30, ticker -> {
            for (int ms = 0; ms < 300; ms++) {
                ticker.step(Duration.ofMillis(1));
            }
            ticker.step(Duration.ofMillis(500));
        });
        assertThat(departures).hasSize(60);
        assertThat(mostWithin(departures, Duration.ofSeconds(1))).as("sends in any second").isLessThanOrEqualTo(30);
        // the sends whose slots went by catch up at twice the pace at most: one every 17 ms, not all at once
        assertThat(mostWithin(departures, Duration.ofMillis(50))).as("sends in any 50 ms: no burst after the stall")
                .isLessThanOrEqualTo(3);
        // and while the window has room to spare they do catch up: the stall does not cost its whole length
        assertThat(departures.getLast() - departures.getFirst()).as("first to last send")
                .isLessThan(59 * Duration.ofSeconds(1).toNanos() / 30 * 100 / 98 + Duration.ofMillis(200).toNanos());
    }

    @Test
    void aSlotInsideAPauseThatBeganAfterItWasHandedOutIsGivenUp() {
        AtomicReference<TelegramRateLimiter> limiter = new AtomicReference<>();
        List<Long> departures = departures(20, (rate, ticker) -> {
            limiter.set(new TelegramRateLimiter(rate, 1, ticker));
            return limiter.get();
        }, 100, ticker -> {
            for (int ms = 0; ms < 25; ms++) {
                ticker.step(Duration.ofMillis(1));
            }
            // a 429 25 ms in: the slots of the next 200 ms were handed out before it
            limiter.get().pauseFor(Duration.ofMillis(200));
        });
        long start = departures.getFirst() - Duration.ofMillis(10).toNanos();
        assertThat(departures).hasSize(20).noneMatch(d -> d - start > Duration.ofMillis(25).toNanos()
                && d - start < Duration.ofMillis(225).toNanos());
    }

    @Test
    void forLimitKeepsHeadroomUnderTelegramsLimit() {
        assertThat(TelegramRateLimiter.forLimit(30).ratePerSecond()).isBetween(29.3, 29.5);
    }

    /**
     * When each of {@code senders} threads, all started together, got to send: {@code script} steps the time, then
     * it moves on in 1 ms steps until every sender has sent.
     */
    @Test
    void atThePaidRateSendsWakeTogetherOnAGridAndStillKeepTheLimit() {
        // 1,200 sends of one bot at the paid 1,000/s, every slot handed out at once
        List<Long> departures = departures(1200, TelegramRateLimiter::forLimit, 1000, ticker -> {});
        long grid = TelegramRateLimiter.WAKE_GRID_NANOS;

        assertThat(departures).hasSize(1200);
        // on time, they leave at multiples of the grid only, a grid's worth of slots at a time
        assertThat(departures.stream().skip(2)).allMatch(t -> t % grid == 0);
        assertThat(mostWithin(departures, Duration.ofNanos(1))).isLessThanOrEqualTo(9);
        assertThat(mostWithin(departures, Duration.ofSeconds(1))).isLessThanOrEqualTo(1000);
        // and no slower than each at its own slot: 1,200 at 980/s
        assertThat(departures.getLast() - departures.getFirst())
                .isLessThanOrEqualTo(Duration.ofMillis(1200 * 1000 / 980 + 8).toNanos());
    }

    private static List<Long> departures(int senders, java.util.function.BiFunction<Double, TelegramRateLimiter.Ticker,
            TelegramRateLimiter> limiterFor, double rate, Consumer<SteppedTicker> script) {
        SteppedTicker ticker = new SteppedTicker(senders);
        TelegramRateLimiter limiter = limiterFor.apply(rate, ticker);
        List<Long> departures = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < senders; i++) {
                threads.submit(() -> {
                    try {
                        limiter.acquire();
                        departures.add(ticker.nanos());
                    } finally {
                        ticker.done();
                    }
                });
            }
            script.accept(ticker);
            while (!ticker.allDone()) {
                ticker.step(Duration.ofMillis(1));
            }
        }
        List<Long> sorted = new ArrayList<>(departures);
        Collections.sort(sorted);
        return sorted;
    }

    /** The most departures in any window of {@code window}. */
    private static int mostWithin(List<Long> sortedDepartures, Duration window) {
        int most = 0;
        for (int i = 0, j = 0; i < sortedDepartures.size(); i++) {
            while (sortedDepartures.get(i) - sortedDepartures.get(j) >= window.toNanos()) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }
}
