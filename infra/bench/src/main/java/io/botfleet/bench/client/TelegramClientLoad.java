package io.botfleet.bench.client;

import io.botfleet.bench.ProcessCpu;
import io.botfleet.telegram.TelegramApiException;
import io.botfleet.telegram.TelegramBotApi;
import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link TelegramClientBench}: sends {@code sendMessage} requests through one client from a fixed
 * number of virtual threads, a warm-up first, and prints the CPU this process spent on the measured ones.
 */
public final class TelegramClientLoad {
    private TelegramClientLoad() {}

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (Reader r = new FileReader(args[0], StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String client = p.getProperty("client");
        URI base = URI.create(p.getProperty("baseUrl"));
        String token = p.getProperty("token");
        long[] chats = Arrays.stream(p.getProperty("chats").split(",")).mapToLong(Long::parseLong).toArray();
        int warmUp = Integer.parseInt(p.getProperty("warmUp"));
        int messages = Integer.parseInt(p.getProperty("messages"));
        int concurrency = Integer.parseInt(p.getProperty("concurrency"));

        try (Sender sender = sender(client, base, token, Long.parseLong(p.getProperty("latencyMs")))) {
            sendAll(sender, chats, warmUp, concurrency);
            ProcessCpu cpu = ProcessCpu.thisJvm(client);
            long cpuBefore = cpu.millis();
            long start = System.nanoTime();
            int failures = sendAll(sender, chats, messages, concurrency);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println("RESULT " + (cpu.millis() - cpuBefore) + " " + failures + " " + seconds);
        }
        System.out.println("DONE");
    }

    /** Sends one message. */
    private interface Sender extends AutoCloseable {
        boolean send(long chatId, int n) throws IOException;

        @Override
        default void close() throws Exception {}
    }

    /** The platform's own client ({@code botapi}), or one library posting the request body the sender sends. */
    private static Sender sender(String client, URI base, String token, long latencyMs) throws Exception {
        if (client.equals("none")) {
            // the harness alone: the same threads, bodies and waits without a request, subtracted from the others
            Duration latency = Duration.ofMillis(latencyMs);
            return (chatId, n) -> {
                byte[] body = body(chatId, n);
                try {
                    Thread.sleep(latency);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return body.length > 0;
            };
        }
        if (client.equals("botapi")) {
            TelegramBotApi api = TelegramBotApi.create(base);
            return (chatId, n) -> {
                try {
                    api.send(token, "sendMessage", chatId, Map.of("text", "<b>News</b> #" + n,
                            "parse_mode", "HTML", "allow_paid_broadcast", true));
                    return true;
                } catch (TelegramApiException e) {
                    return false;
                }
            };
        }
        HttpPoster poster = switch (client) {
            case "urlconnection" -> new UrlConnectionPoster();
            case "apache" -> new ApacheClassicPoster();
            case "jdk" -> new JdkHttpClientPoster();
            case "jetty" -> new JettyPoster();
            default -> throw new IllegalArgumentException("unknown client " + client
                    + " (none, urlconnection, apache, jdk, jetty, botapi)");
        };
        URI url = base.resolve("/bot" + token + "/sendMessage");
        return new Sender() {
            @Override
            public boolean send(long chatId, int n) throws IOException {
                return poster.post(url, "application/json", body(chatId, n)).status() == 200;
            }

            @Override
            public void close() throws Exception {
                poster.close();
            }
        };
    }

    private static byte[] body(long chatId, int n) {
        return ("{\"chat_id\":" + chatId + ",\"text\":\"<b>News</b> #" + n
                + "\",\"parse_mode\":\"HTML\",\"allow_paid_broadcast\":true}").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} sends over the chats in turn from {@code concurrency} virtual threads; how many failed. */
    private static int sendAll(Sender sender, long[] chats, int count, int concurrency) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        boolean sent;
                        try {
                            sent = sender.send(chats[i % chats.length], i);
                        } catch (IOException e) {
                            sent = false;
                        }
                        if (!sent) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        return failures.get();
    }
}
