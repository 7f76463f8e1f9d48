package io.botfleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.telegram.emulator.ApiCall;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.Faults;
import io.botfleet.telegram.emulator.Limits;
import io.botfleet.telegram.emulator.TelegramEmulatorMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Telegram emulator in a child JVM ({@link TelegramEmulatorMain}), driven through its control API: so that a
 * benchmark measures the emulator's CPU apart from the code it serves, and the emulator's CPU does not count
 * against the benchmark's own JVM.
 */
public final class EmulatorProcess implements AutoCloseable {
    private static final String LISTENING = "Telegram emulator listening on ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildJvm jvm;
    private final String baseUrl;

    private EmulatorProcess(ChildJvm jvm, String baseUrl) {
        this.jvm = jvm;
        this.baseUrl = baseUrl;
    }

    /**
     * A peer's JVM settings: the serial collector (nothing a concurrent collector's threads would earn their CPU on:
     * ZGC cost twice the CPU per request) with a young generation of 16 MB: the emulator keeps a few KB of every
     * message, which each young collection copies, so small collections stop its clock for under 45 ms (at 1,000/s
     * the default sizes stopped it for 75-150 ms every 4 s, and the sends arriving meanwhile were timed as a burst);
     * and the C1 compiler only (C2's compilations cost more CPU during a benchmark-length run than the faster code
     * saves: 170 against 284 ms per 1,000 sends after a 30,000-send warm-up, on the JDK's HTTP server; on its Netty
     * server 232 against 127 in the paid broadcast). What survives a young collection is nearly all chat history,
     * kept to the end, so it goes to the old generation at once instead of being copied between survivor spaces
     * first. Netty's leak detection is off: it samples buffers with a stack trace each, 4 % of this process's CPU.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-Xmn16m", "-XX:+UseSerialGC",
            "-XX:MaxTenuringThreshold=0", "-XX:TieredStopAtLevel=1", "-Dio.netty.leakDetection.level=disabled");

    /**
     * Telegram's servers do not share the sender's CPU: the emulator runs ahead of the machine's other processes, so
     * that a busy machine delays the sender (whose pacing must cope with it) rather than Telegram's clock, which
     * would see evenly sent requests arrive bunched and answer 429s no real server would.
     */
    static final int NICENESS = -10;

    /** Starts it on a free loopback port; {@code -Dbench.emulatorJvm=...} adds JVM options (e.g. a JFR recording). */
    public static EmulatorProcess start() {
        ChildJvm jvm = ChildJvm.start("telegram-emulator", NICENESS, JVM_OPTIONS, "bench.emulatorJvm",
                TelegramEmulatorMain.class, List.of("0"), LISTENING);
        String baseUrl = jvm.output().stream().filter(line -> line.startsWith(LISTENING)).findFirst()
                .orElseThrow().substring(LISTENING.length()).trim();
        return new EmulatorProcess(jvm, baseUrl);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ProcessCpu cpu() {
        return new ProcessCpu("emulator", jvm.handle());
    }

    public EmulatedBot createBot(String username) {
        JsonNode bot = call("POST", "/control/bots", Map.of("username", username));
        return new EmulatedBot(bot.path("id").asLong(), bot.path("token").asText(), username, username);
    }

    public void setLimits(long botId, Limits limits) {
        call("PUT", "/control/bots/" + botId + "/limits", Map.of("perBotPerSecond", limits.perBotPerSecond(),
                "paidPerSecond", limits.paidPerSecond(), "perChatPerSecond", limits.perChatPerSecond(),
                "perGroupPerMinute", limits.perGroupPerMinute(), "perChatBurst", limits.perChatBurst()));
    }

    public void faults(long botId, Faults faults) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("latencyMs", faults.latency().toMillis());
        body.put("serverErrorRate", faults.serverErrorRate());
        body.put("forced429Count", faults.forced429Count());
        body.put("forced429RetryAfterSeconds", faults.forced429RetryAfterSeconds());
        body.put("floodWaitSeconds", faults.floodWaitSeconds());
        body.put("acceptedSendDelayMs", faults.acceptedSendDelay().toMillis());
        body.put("acceptedSendDelayCount", faults.acceptedSendDelayCount());
        call("PUT", "/control/bots/" + botId + "/faults", body);
    }

    /**
     * A full collection now, before the benchmark's sends: the users and bots just created are then in the old
     * generation, and the young collections during the run copy only what the run adds. Left to the first young
     * collection, they stopped the emulator's clock for 110 ms in the middle of a run, and the sends that arrived
     * meanwhile were timed as one burst (a 429 the sender had not caused).
     */
    public void settle() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(jvm.handle().pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd GC.run failed for the emulator");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} users every bot may message, named {@code <firstName>1}, {@code <firstName>2}, …; their ids. */
    public List<Long> createUsers(String firstName, int count) {
        List<Long> ids = new ArrayList<>();
        call("POST", "/control/users/batch", Map.of("count", count, "firstName", firstName))
                .path("ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    public int totalMessagesSent(long botId) {
        return call("GET", "/control/bots/" + botId + "/stats", null).path("totalMessagesSent").asInt();
    }

    public List<ApiCall> calls(long botId) {
        List<ApiCall> calls = new ArrayList<>();
        call("GET", "/control/bots/" + botId + "/calls", null).forEach(c -> calls.add(
                new ApiCall(c.path("method").asText(), Instant.parse(c.path("time").asText()), c.path("status").asInt())));
        return calls;
    }

    /** How many of the bot's messages the chat holds. */
    public int messagesIn(long botId, long chatId) {
        return call("GET", "/control/bots/" + botId + "/chats/" + chatId + "/messages", null).size();
    }

    /**
     * One control call over a keep-alive {@link HttpURLConnection}: the benchmarks poll the sent count 10 times a
     * second, and {@code java.net.http.HttpClient} (its selector thread and futures) cost the benchmark's JVM a third
     * of its CPU doing that.
     */
    private JsonNode call(String method, String path, Object body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            connection.setRequestMethod(method);
            if (body != null) {
                byte[] bytes = JSON.writeValueAsBytes(body);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                byte[] answer = in == null ? new byte[0] : in.readAllBytes();
                if (status != 200) {
                    throw new IllegalStateException(method + " " + path + " answered " + status + ": "
                            + new String(answer, StandardCharsets.UTF_8));
                }
                return JSON.readTree(answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it (SIGTERM). */
    @Override
    public void close() {
        jvm.stop();
    }
}
