package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent clients against one bot with Telegram-like latency: every send is answered and counted once. The
 * rate it reaches is printed, not asserted (a shared 2-core machine is no place for a speed assertion); the broadcast
 * benchmarks measure the emulator under load.
 */
class ThroughputTest extends EmulatorTestBase {

    private static final int MESSAGES = 2_000;
    private static final int CONCURRENCY = 200;

    @Test
    void everyConcurrentSendWithInjectedLatencyIsAnsweredAndCountedOnce() throws Exception {
        EmulatedBot bot = emulator.createBot("bench_bot", "Bench Bot");
        emulator.setLimits(bot.id(), new Limits(30, 100_000, 1, 20));
        emulator.faults(bot.id(), Faults.latency(Duration.ofMillis(100)));
        List<EmulatedUser> users = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            users.add(emulator.createUser("Reader" + i, null, null));
        }
        warmUp();

        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONCURRENCY; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                        int status = api.json(bot.token(), "sendMessage", Map.of("chat_id", users.get(i).id(),
                                "text", "<b>News</b> #" + i, "parse_mode", "HTML", "allow_paid_broadcast", true)).status();
                        if (status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        double perSecond = MESSAGES / (Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
        System.out.printf("telegram-emulator throughput: %.0f sendMessage/s with 100 ms latency, %d concurrent%n",
                perSecond, CONCURRENCY);

        assertThat(failures.get()).isZero();
        assertThat(emulator.totalMessagesSent(bot.id())).isEqualTo(MESSAGES);
    }

    /** JIT and connection setup would otherwise dominate the printed figure. */
    private static void warmUp() throws InterruptedException {
        EmulatedBot warm = emulator.createBot("warm_bot", "Warm Bot");
        emulator.setLimits(warm.id(), new Limits(100_000, 100_000, 100_000, 100_000));
        EmulatedUser user = emulator.createUser("Warm", null, null);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONCURRENCY; c++) {
                clients.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        api.json(warm.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "<b>warm</b>", "parse_mode", "HTML"));
                    }
                });
            }
        }
    }
}
