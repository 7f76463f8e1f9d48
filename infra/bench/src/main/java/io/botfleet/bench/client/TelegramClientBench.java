package io.botfleet.bench.client;

import io.botfleet.bench.Bench;
import io.botfleet.bench.ChildJvm;
import io.botfleet.bench.EmulatorProcess;
import io.botfleet.local.lambda.LambdaJvm;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.Faults;
import io.botfleet.telegram.emulator.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The CPU an HTTP client library spends per 1,000 {@code sendMessage} requests, as the paid sender makes them: ~100
 * requests in flight on virtual threads (1,000/s against Telegram-like latency of 100 ms), keep-alive, to the
 * Telegram emulator in its own process. Each client runs in a JVM of its own started as Lambda starts the paid
 * sender's (1,024 MB, serial collector, C1 only), so that the process's CPU time is that client's and its
 * compilations, and the clients measured before it leave nothing behind. {@code botapi} is the platform's own
 * {@code TelegramBotApi} (JSON body and answer parsing included); {@code none} is the harness without requests (the
 * same virtual threads, bodies and 100 ms waits), whose CPU the {@code .client_cpu_ms_per_1000} figures subtract.
 */
public final class TelegramClientBench {
    static final List<String> CLIENTS = List.of(System.getProperty("bench.clients",
            "none,urlconnection,apache,jdk,jetty,botapi").split(","));
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final int WARM_UP = Integer.getInteger("bench.warmUp", 5_000);
    static final int MESSAGES = Integer.getInteger("bench.messages", 5_000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 100);
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("bench.telegramLatencyMs", 100));
    private static final int MEMORY_MB = 1_024;

    private TelegramClientBench() {}

    public static void run() {
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        CLIENTS.forEach(c -> cpu.put(c, new ArrayList<>()));
        // rounds over all clients rather than one client's runs in a row: the machine's load drifts
        for (int round = 0; round < ROUNDS; round++) {
            for (String client : CLIENTS) {
                double value = once(client);
                cpu.get(client).add(value);
                System.out.println("run " + (round + 1) + " " + client + " " + Math.round(value) + " ms per 1,000");
            }
        }
        List<Double> harness = cpu.get("none");
        cpu.forEach((client, runs) -> {
            System.out.println("runs " + client + ": " + runs.stream().map(v -> Long.toString(Math.round(v)))
                    .collect(Collectors.joining(", ")));
            Bench.figure("telegram_client." + client + ".cpu_ms_per_1000", median(runs), "ms", "info");
            if (harness != null && !client.equals("none")) {
                // each run less the harness's run of the same round, which saw the same load
                List<Double> own = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    own.add(runs.get(i) - harness.get(i));
                }
                Bench.figure("telegram_client." + client + ".client_cpu_ms_per_1000", median(own), "ms", "info");
            }
        });
        Bench.end("telegram-client");
    }

    /** One client's CPU per 1,000 requests, against an emulator of its own (it keeps every message sent). */
    private static double once(String client) {
        try (EmulatorProcess emulator = EmulatorProcess.start()) {
            EmulatedBot bot = emulator.createBot("client_bench_bot");
            emulator.setLimits(bot.id(), new Limits(1_000_000, 1_000_000, 1_000_000, 1_000_000));
            emulator.faults(bot.id(), Faults.latency(LATENCY));
            List<Long> chats = emulator.createUsers("Reader", Math.max(WARM_UP, MESSAGES));
            emulator.settle();
            Path settings = settings(client, emulator.baseUrl(), bot.token(), chats);
            List<String> flags = new ArrayList<>(LambdaJvm.memoryFlags(MEMORY_MB));
            flags.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
            ChildJvm load = ChildJvm.start("telegram-client", flags, "bench.clientJvm", TelegramClientLoad.class,
                    List.of(settings.toString()), "DONE");
            String[] result = load.stop().stream().filter(line -> line.startsWith("RESULT ")).findFirst()
                    .orElseThrow().split(" ");
            int failures = Integer.parseInt(result[2]);
            if (failures > 0) {
                throw new IllegalStateException(client + ": " + failures + " of " + MESSAGES + " requests failed");
            }
            return Long.parseLong(result[1]) * 1000.0 / MESSAGES;
        }
    }

    private static Path settings(String client, String baseUrl, String token, List<Long> chats) {
        try {
            Path file = Files.createTempFile("telegram-client", ".properties");
            Properties p = new Properties();
            p.setProperty("client", client);
            p.setProperty("baseUrl", baseUrl);
            p.setProperty("token", token);
            p.setProperty("chats", chats.stream().map(String::valueOf).collect(Collectors.joining(",")));
            p.setProperty("warmUp", Integer.toString(WARM_UP));
            p.setProperty("messages", Integer.toString(MESSAGES));
            p.setProperty("concurrency", Integer.toString(CONCURRENCY));
            p.setProperty("latencyMs", Long.toString(LATENCY.toMillis()));
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "telegram client benchmark");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
