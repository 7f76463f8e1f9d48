package io.botfleet.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small JSON client for the admin API as a dashboard would use it: signs in once, then sends the bearer token. */
final class ApiClient {
    private static final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private String accessToken;

    ApiClient(URI base) {
        this.base = base;
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {}

    /** First start: the owner account from the setup token, then a session. */
    ApiClient signInAsOwner(String setupToken) {
        String email = "owner@example.com";
        String password = "correct horse battery staple 42";
        Response setup = post("/api/setup", Map.of("setupToken", setupToken, "email", email, "password", password,
                "displayName", "Owner"));
        if (setup.status() != 201) {
            throw new IllegalStateException("setup failed: " + setup.status() + " " + setup.body());
        }
        Response login = post("/api/auth/login", Map.of("email", email, "password", password));
        accessToken = login.body().path("accessToken").asText();
        return this;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response patch(String path, Object body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response put(String path, Object body, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body)));
        if (ifMatch != null) {
            b.header("if-match", ifMatch);
        }
        return send(b);
    }

    private Response send(HttpRequest.Builder builder) {
        if (accessToken != null) {
            builder.header("authorization", "Bearer " + accessToken);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
