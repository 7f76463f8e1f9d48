package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * One bot's delivery loop: POSTs pending updates to the webhook strictly in update_id order, retrying the head
 * update with exponential backoff until the webhook answers 2xx. Telegram may deliver in parallel up to
 * max_connections; one in-order loop is simpler and is what bots should be prepared for anyway.
 */
final class WebhookDeliverer implements Runnable {

    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private static final Map<Integer, String> REASON_PHRASES = Map.ofEntries(
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(307, "Temporary Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final BotState bot;
    private final BotApi api;
    private final HttpClient client;
    private final DeliverySettings settings;

    WebhookDeliverer(BotState bot, BotApi api, HttpClient client, DeliverySettings settings) {
        this.bot = bot;
        this.api = api;
        this.client = client;
        this.settings = settings;
    }

    @Override
    public void run() {
        UpdateQueue updates = bot.updates();
        Duration backoff = settings.initialBackoff();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                UpdateQueue.Delivery delivery = updates.awaitDelivery();
                String error = post(delivery);
                if (error == null) {
                    backoff = settings.initialBackoff();
                    continue;
                }
                updates.deliveryFailed(error);
                boolean repointed = updates.awaitRetry(backoff, delivery.webhook());
                backoff = repointed ? settings.initialBackoff() : min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns null when delivered, else the error getWebhookInfo reports. */
    private String post(UpdateQueue.Delivery delivery) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.webhook().url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(delivery.update().json())));
        if (delivery.webhook().secretToken() != null) {
            request.header(SECRET_HEADER, delivery.webhook().secretToken());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            return "Connection refused";
        } catch (HttpTimeoutException e) {
            return "Read timeout expired";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return ("Wrong response from the webhook: " + status + " " + REASON_PHRASES.getOrDefault(status, "")).trim();
        }
        bot.updates().delivered(delivery.update().updateId());
        executeReply(response.body());
        return null;
    }

    /** Telegram's "reply in the webhook response": a JSON object with a "method" field is run as an API call. */
    private void executeReply(byte[] body) {
        if (body.length == 0) {
            return;
        }
        JsonNode reply = Json.parse(body);
        if (reply instanceof ObjectNode call && call.hasNonNull("method")) {
            String method = call.remove("method").asText();
            api.call(bot, method, ApiParams.of(call), null);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
