package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the control API as a non-Java tool would: JSON over HTTP. */
final class ControlClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The HTTP status and parsed JSON answer of one control call. */
    record Reply(int status, JsonNode body) {
    }

    private final String baseUrl;

    ControlClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Calls the route and fails unless it answers 200. */
    JsonNode ok(String method, String path, Object body) {
        Reply reply = call(method, path, body);
        if (reply.status() != 200) {
            throw new AssertionError(method + " " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    Reply call(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(BotApiClient.write(body));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), BotApiClient.MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
