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

/** The admin API of a running local product, as the owner calls it: what the end-to-end benchmarks arrange with. */
final class RunnerApi {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalRunner runner;
    private String accessToken;

    RunnerApi(LocalRunner runner) {
        this.runner = runner;
    }

    String accessToken() {
        return accessToken;
    }

    /** Creates the owner with the setup token and signs in. */
    RunnerApi signIn() {
        String email = "owner@example.com";
        String password = "correct horse battery staple 42";
        call("POST", "/api/setup", Map.of("setupToken", runner.platformKeys().setupToken(), "email", email,
                "password", password, "displayName", "Owner"));
        accessToken = call("POST", "/api/auth/login", Map.of("email", email, "password", password)).path("accessToken").asText();
        return this;
    }

    JsonNode call(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.baseUrl().resolve(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(write(body)))
                .header("content-type", "application/json");
        if (accessToken != null) {
            request.header("authorization", "Bearer " + accessToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting after " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }
}
