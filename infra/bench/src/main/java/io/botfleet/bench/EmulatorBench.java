package io.botfleet.bench;

import io.botfleet.telegram.TelegramApiException;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.Faults;
import io.botfleet.telegram.emulator.Limits;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many {@code sendMessage} calls per second the Telegram emulator answers, and its CPU per 1,000: 2,000 HTML
 * messages with paid broadcast, Telegram-like latency (100 ms), 200 concurrent clients through the platform's own
 * Bot API client in this JVM, the emulator in its own (so its CPU time is its alone). The paced broadcast
 * benchmarks need it to outrun a paid sender (1,000/s) with room to spare, on a fraction of a core.
 */
final class EmulatorBench {
    static final int MESSAGES = Integer.getInteger("bench.messages", 2_000);
    static final int WARM_UP = Integer.getInteger("bench.warmUp", 4_000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 200);
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("bench.telegramLatencyMs", 100));

    private EmulatorBench() {}

    static void run() {
        try (EmulatorProcess emulator = EmulatorProcess.start()) {
            TelegramBotApi api = TelegramBotApi.create(URI.create(emulator.baseUrl()));
            // JIT and connection setup would otherwise dominate the figure
            EmulatedBot warm = emulator.createBot("warm_bot");
            emulator.setLimits(warm.id(), new Limits(100_000, 100_000, 100_000, 100_000));
            sendAll(api, warm, Collections.nCopies(WARM_UP, emulator.createUsers("Warm", 1).getFirst()));

            EmulatedBot bot = emulator.createBot("bench_bot");
            emulator.setLimits(bot.id(), new Limits(30, 100_000, 1, 20));
            emulator.faults(bot.id(), Faults.latency(LATENCY));
            List<Long> readers = emulator.createUsers("Reader", MESSAGES);
            ProcessCpu cpu = emulator.cpu();
            long cpuBefore = cpu.millis();
            long start = System.nanoTime();
            int failures = sendAll(api, bot, readers);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuMillis = cpu.millis() - cpuBefore;

            Bench.figure("emulator.send_message_per_second", MESSAGES / seconds, "msg/s", "target>=800");
            Bench.figure("emulator.cpu_ms_per_1000", cpuMillis * 1000.0 / MESSAGES, "ms", "target<=250");
            Bench.figure("emulator.failed_sends", failures, "calls", "target<=0");
            Bench.figure("emulator.messages_counted", emulator.totalMessagesSent(bot.id()), "msg", "target=" + MESSAGES);
        }
    }

    /** Sends one message to each of {@code chats} from {@link #CONCURRENCY} clients; returns how many failed. */
    private static int sendAll(TelegramBotApi api, EmulatedBot bot, List<Long> chats) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONCURRENCY; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < chats.size(); i = next.getAndIncrement()) {
                        try {
                            api.send(bot.token(), "sendMessage", chats.get(i), Map.of(
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
