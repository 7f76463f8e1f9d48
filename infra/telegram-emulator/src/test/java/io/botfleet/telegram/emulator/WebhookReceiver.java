package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A bot's webhook endpoint for tests: records every delivery and answers as the test tells it to. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(JsonNode update, String secretHeader, String contentType) {
    }

    /** An answer to one delivery: the status and an optional JSON body. */
    record Reply(int status, String body) {
        static final Reply OK = new Reply(200, "");
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, Reply> replies = update -> Reply.OK;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode update = BotApiClient.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
                deliveries.add(new Delivery(update,
                        exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token"),
                        exchange.getRequestHeaders().getFirst("Content-Type")));
                Reply reply = replies.apply(update);
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    void answerWith(Function<JsonNode, Reply> replies) {
        this.replies = replies;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
