package io.botfleet.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.spi.URLStreamHandlerProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Telegram's Bot API in memory, for code that calls it through {@link TelegramBotApi}: that class is the platform's
 * only way to Telegram and speaks HTTP itself, so the fake answers at the URL connection, under a scheme of its
 * own ({@code fake-telegram://}), without a socket. Every chat is answered "sent" unless a test scripts another
 * answer for it; every call is recorded.
 */
public final class FakeTelegram {
    static final String SCHEME = "fake-telegram";
    private static final Map<String, FakeTelegram> RUNNING = new ConcurrentHashMap<>();

    /** One request as Telegram received it. */
    public record Call(String token, String method, long chatId) {}

    /** What Telegram does with a request. */
    public sealed interface Answer {
        /** An HTTP answer with a Bot API body. */
        record Body(int status, String json) implements Answer {}

        /** The request went out and no answer came back (a read timeout). */
        record NoAnswer() implements Answer {}

        /** The request never reached Telegram (connection refused). */
        record Unreachable() implements Answer {}

        static Answer error(int code, String description) {
            return error(code, description, Map.of());
        }

        static Answer error(int code, String description, Map<String, Object> parameters) {
            return new Body(code, Json.write(Map.of("ok", false, "error_code", code, "description", description,
                    "parameters", parameters)));
        }

        static Answer blocked() {
            return error(403, "Forbidden: bot was blocked by the user");
        }

        static Answer retryAfter(int seconds) {
            return error(429, "Too Many Requests: retry after " + seconds, Map.of("retry_after", seconds));
        }
    }

    private final String host = UUID.randomUUID().toString();
    private final Map<Long, List<Answer>> scripted = new ConcurrentHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicLong messageIds = new AtomicLong(1_000);
    private volatile Consumer<Call> onCall = call -> { };

    private FakeTelegram() {}

    public static FakeTelegram start() {
        FakeTelegram telegram = new FakeTelegram();
        RUNNING.put(telegram.host, telegram);
        return telegram;
    }

    /** A client of this fake, with the platform's timeouts (which the fake never waits out). */
    public TelegramBotApi api() {
        return new TelegramBotApi(URI.create(SCHEME + "://" + host + "/"), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** The next requests to {@code chatId} get these answers, in order; after them, "sent". */
    public void answer(long chatId, Answer... answers) {
        scripted.computeIfAbsent(chatId, id -> new ArrayList<>()).addAll(List.of(answers));
    }

    /** Runs as each request arrives, before it is answered (e.g. an admin pausing the campaign meanwhile). */
    public void onCall(Consumer<Call> hook) {
        this.onCall = hook;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Long> chatsCalled() {
        return calls().stream().map(Call::chatId).toList();
    }

    private Answer handle(String path, byte[] body) {
        String[] parts = path.split("/");
        long chatId = Json.read(body, JsonNode.class).path("chat_id").asLong();
        Call call = new Call(parts[1].substring("bot".length()), parts[2], chatId);
        synchronized (this) {
            calls.add(call);
        }
        onCall.accept(call);
        List<Answer> script = scripted.get(call.chatId());
        if (script != null) {
            synchronized (script) {
                if (!script.isEmpty()) {
                    return script.removeFirst();
                }
            }
        }
        return new Answer.Body(200, Json.write(Map.of("ok", true, "result",
                Map.of("message_id", messageIds.incrementAndGet(), "chat", Map.of("id", call.chatId())))));
    }

    /** Opens connections to the fake for URLs of its scheme; registered as a service in the test resources. */
    public static final class Urls extends URLStreamHandlerProvider {
        @Override
        public URLStreamHandler createURLStreamHandler(String protocol) {
            return SCHEME.equals(protocol) ? new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new Connection(url, RUNNING.get(url.getHost()));
                }
            } : null;
        }
    }

    /**
     * One request: its body is buffered until it is closed, as HttpURLConnection's is; closing it sends it, so an
     * unreachable Telegram fails there and a missing answer fails at the response code, where the real client fails.
     */
    private static final class Connection extends HttpURLConnection {
        private final FakeTelegram telegram;
        private Answer answer;

        Connection(URL url, FakeTelegram telegram) {
            super(url);
            this.telegram = telegram;
        }

        @Override
        public void connect() {
            connected = true;
        }

        @Override
        public OutputStream getOutputStream() {
            return new ByteArrayOutputStream() {
                @Override
                public void close() throws IOException {
                    answer = telegram.handle(url.getPath(), toByteArray());
                    if (answer instanceof Answer.Unreachable) {
                        throw new ConnectException("Connection refused");
                    }
                }
            };
        }

        @Override
        public int getResponseCode() throws IOException {
            if (answer instanceof Answer.Body body) {
                return body.status();
            }
            throw new SocketTimeoutException("Read timed out");
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return body();
        }

        @Override
        public InputStream getErrorStream() {
            return body();
        }

        private InputStream body() {
            return new ByteArrayInputStream(((Answer.Body) answer).json().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void disconnect() {
            connected = false;
        }

        @Override
        public boolean usingProxy() {
            return false;
        }
    }
}
