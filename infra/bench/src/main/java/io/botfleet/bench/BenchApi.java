package io.botfleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.runner.LocalRunner;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The admin API of a running local product, as a benchmark uses it: the owner signed in, JSON in and out. */
final class BenchApi {
    static final String OWNER_EMAIL = "owner@example.com";
    static final String OWNER_PASSWORD = "correct horse battery staple 42";
    static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalRunner runner;
    private String accessToken;

    BenchApi(LocalRunner runner) {
        this.runner = runner;
    }

    /** Creates the owner account with the runner's setup token and signs in as the owner. */
    BenchApi signInAsOwner() {
        call("POST", "/api/setup", Map.of("setupToken", runner.platformKeys().setupToken(), "email", OWNER_EMAIL,
                "password", OWNER_PASSWORD, "displayName", "Owner"));
        accessToken = call("POST", "/api/auth/login", Map.of("email", OWNER_EMAIL, "password", OWNER_PASSWORD))
                .path("accessToken").asText();
        return this;
    }

    String accessToken() {
        return accessToken;
    }

    HttpClient http() {
        return http;
    }

    /**
     * The answer's JSON (a null node when empty); any status from 300 up is an error, except 429, which is waited out
     * as its {@code Retry-After} says (the API limits each user's requests per minute) and asked again.
     */
    JsonNode call(String method, String path, Object body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(method, path, body);
            } catch (TooManyRequests e) {
                if (attempt == 30) {
                    throw new IllegalStateException(method + " " + path + " kept answering 429");
                }
                try {
                    Thread.sleep(e.retryAfterSeconds * 1000L);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    private static final class TooManyRequests extends RuntimeException {
        final long retryAfterSeconds;

        TooManyRequests(long retryAfterSeconds) {
            super(null, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private JsonNode once(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.baseUrl().resolve(path)).method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(write(body)))
                .header("content-type", "application/json");
        if (accessToken != null) {
            request.header("authorization", "Bearer " + accessToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                throw new TooManyRequests(Math.max(1, response.headers().firstValueAsLong("retry-after").orElse(1)));
            }
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting after " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }
}
