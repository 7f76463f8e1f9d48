package io.botfleet.bench;

import io.botfleet.telegram.TelegramApiException;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.Faults;
import io.botfleet.telegram.emulator.Limits;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many {@code sendMessage} calls per second the Telegram emulator answers: 2,000 HTML messages with paid
 * broadcast, Telegram-like latency (100 ms), 200 concurrent clients through the platform's own Bot API client, all
 * in this JVM. The paced broadcast benchmarks need it to outrun a paid sender (1,000/s) with room to spare.
 */
final class EmulatorBench {
    static final int MESSAGES = Integer.getInteger("bench.messages", 2_000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 200);
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("bench.telegramLatencyMs", 100));

    private EmulatorBench() {}

    static void run() {
        try (TelegramEmulator emulator = TelegramEmulator.start(0)) {
            TelegramBotApi api = TelegramBotApi.create(URI.create(emulator.baseUrl()));
            // JIT and connection setup would otherwise dominate the figure
            EmulatedBot warm = emulator.createBot("warm_bot", "Warm Bot");
            emulator.setLimits(warm.id(), new Limits(100_000, 100_000, 100_000, 100_000));
            EmulatedUser someone = emulator.createUser("Warm", null, null);
            sendAll(api, warm, java.util.Collections.nCopies(CONCURRENCY * 5, someone));

            EmulatedBot bot = emulator.createBot("bench_bot", "Bench Bot");
            emulator.setLimits(bot.id(), new Limits(30, 100_000, 1, 20));
            emulator.faults(bot.id(), Faults.latency(LATENCY));
            List<EmulatedUser> readers = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                readers.add(emulator.createUser("Reader" + i, null, null));
            }
            long start = System.nanoTime();
            int failures = sendAll(api, bot, readers);
            double seconds = (System.nanoTime() - start) / 1e9;

            Bench.figure("emulator.send_message_per_second", MESSAGES / seconds, "msg/s", "target>=800");
            Bench.figure("emulator.failed_sends", failures, "calls", "target<=0");
            Bench.figure("emulator.messages_counted", emulator.totalMessagesSent(bot.id()), "msg", "target=" + MESSAGES);
        }
    }

    /** Sends one message to each of {@code readers} from {@link #CONCURRENCY} clients; returns how many failed. */
    private static int sendAll(TelegramBotApi api, EmulatedBot bot, List<EmulatedUser> readers) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONCURRENCY; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < readers.size(); i = next.getAndIncrement()) {
                        try {
                            api.send(bot.token(), "sendMessage", Map.of("chat_id", readers.get(i).id(),
                                    "text", "<b>News</b> #" + i, "parse_mode", "HTML", "allow_paid_broadcast", true));
                        } catch (TelegramApiException e) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        return failures.get();
    }
}
