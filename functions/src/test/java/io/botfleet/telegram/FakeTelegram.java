package io.botfleet.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Telegram's Bot API in memory, for code that calls it through {@link TelegramBotApi}: that class is the platform's
 * only way to Telegram and speaks HTTP itself, so the fake answers HTTP/1.1 on a loopback port, keep-alive, as
 * Telegram does. Every chat is answered "sent" unless a test scripts another answer for it; every call is recorded.
 */
public final class FakeTelegram {

    /** One request as Telegram received it. */
    public record Call(String token, String method, long chatId) {}

    /** What Telegram does with a request. */
    public sealed interface Answer {
        /** An HTTP answer with a Bot API body. */
        record Body(int status, String json) implements Answer {}

        /** The request went out and no answer came back (a read timeout). */
        record NoAnswer() implements Answer {}

        static Answer error(int code, String description) {
            return error(code, description, Map.of());
        }

        static Answer error(int code, String description, Map<String, Object> parameters) {
            return new Body(code, Json.write(Map.of("ok", false, "error_code", code, "description", description,
                    "parameters", parameters)));
        }

        /** A proxy in front of Telegram failed: transient, and Telegram did not act. */
        static Answer badGateway() {
            return error(502, "Bad Gateway");
        }

        static Answer blocked() {
            return error(403, "Forbidden: bot was blocked by the user");
        }

        static Answer retryAfter(int seconds) {
            return error(429, "Too Many Requests: retry after " + seconds, Map.of("retry_after", seconds));
        }
    }

    private final Map<Long, List<Answer>> scripted = new ConcurrentHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicLong messageIds = new AtomicLong(1_000);
    private volatile Consumer<Call> onCall = call -> { };
    /** Last: it may call {@link #serve} as soon as it exists. */
    private final ScriptedHttpServer server = new ScriptedHttpServer(this::serve);

    private FakeTelegram() {}

    public static FakeTelegram start() {
        return new FakeTelegram();
    }

    /** A client of this fake, with the platform's timeouts (which the fake never waits out). */
    public TelegramBotApi api() {
        return new TelegramBotApi(URI.create("http://127.0.0.1:" + server.port() + "/"), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
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

    /** Serves one connection's requests in turn, keep-alive, until the client closes it. */
    private void serve(int connection, ScriptedHttpServer.Exchange exchange) throws IOException {
        ScriptedHttpServer.Request request;
        while ((request = exchange.request()) != null) {
            if (handle(request.path(), request.body()) instanceof Answer.Body body) {
                exchange.write("HTTP/1.1 " + body.status() + " Fake\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.json().getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body.json());
            } else {
                // the start of an answer whose end never comes: Telegram took the request, the client reads no answer
                exchange.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
                return;
            }
        }
    }
}
