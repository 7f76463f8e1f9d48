package io.botfleet.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The Telegram Bot API over HTTP (JSON bodies). Asynchronous so that one sender keeps many requests in flight;
 * the token only ever appears in the request URL, never in exceptions or logs.
 */
public final class TelegramBotApi {
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public TelegramBotApi(URI base, HttpClient http, Duration timeout) {
        this.base = base;
        this.http = http;
        this.timeout = timeout;
    }

    public static TelegramBotApi create(URI base) {
        return new TelegramBotApi(base, HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build(), Duration.ofSeconds(30));
    }

    public URI base() {
        return base;
    }

    /**
     * Calls a Bot API method and returns its {@code result}, or throws a {@link TelegramApiException}. Blocking: the
     * sender runs each request on its own virtual thread, which is cheaper than chaining futures.
     */
    public JsonNode call(String token, String method, Map<String, ?> parameters) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/bot" + token + "/" + method))
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(parameters)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TelegramApiException(method, 0, "Telegram unreachable: " + rootCause(e), OptionalInt.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramApiException(method, 0, "interrupted", OptionalInt.empty());
        }
        return parse(method, response);
    }

    private static JsonNode parse(String method, HttpResponse<byte[]> response) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new TelegramApiException(method, response.statusCode() >= 500 ? response.statusCode() : 502,
                    "unreadable response (HTTP " + response.statusCode() + ")", OptionalInt.empty());
        }
        if (body != null && body.path("ok").asBoolean(false)) {
            return body.path("result");
        }
        int code = body == null ? response.statusCode() : body.path("error_code").asInt(response.statusCode());
        String description = body == null ? "" : body.path("description").asText("");
        JsonNode retry = body == null ? null : body.path("parameters").get("retry_after");
        return throwFor(method, code, description, retry == null ? OptionalInt.empty() : OptionalInt.of(retry.asInt()));
    }

    private static JsonNode throwFor(String method, int code, String description, OptionalInt retryAfter) {
        throw new TelegramApiException(method, code, description, retryAfter);
    }

    private static String rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
