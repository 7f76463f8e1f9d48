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
 * Many concurrent clients against one bot with Telegram-like latency: every send is answered and counted once. How
 * many it answers per second is a benchmark figure ({@code ./botfleet bench emulator}), not this test's.
 */
class ConcurrentSendsTest extends EmulatorTestBase {

    private static final int MESSAGES = 2_000;
    private static final int CONCURRENCY = 200;

    @Test
    void everyConcurrentSendWithInjectedLatencyIsAnsweredAndCountedOnce() {
        EmulatedBot bot = emulator.createBot("busy_bot", "Busy Bot");
        emulator.setLimits(bot.id(), new Limits(30, 100_000, 1, 20));
        emulator.faults(bot.id(), Faults.latency(Duration.ofMillis(100)));
        List<EmulatedUser> users = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            users.add(emulator.createUser("Reader" + i, null, null));
        }

        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
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
        assertThat(failures.get()).isZero();
        assertThat(emulator.totalMessagesSent(bot.id())).isEqualTo(MESSAGES);
    }
}
