package io.botfleet.bench;

import com.sun.net.httpserver.HttpServer;
import io.botfleet.lambda.webhook.WebhookHandler;
import io.botfleet.lambda.webhook.WebhookResponse;
import io.botfleet.local.lambda.events.HttpApiEvents;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** Hosts the webhook handler over HTTP as API Gateway would (payload 2.0 event in, response out). */
final class WebhookHost implements AutoCloseable {
    private final HttpServer server;
    final AtomicReference<WebhookHandler> handler = new AtomicReference<>();

    WebhookHost() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/telegram/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                // the event API Gateway hands the webhook function, built as the local stack builds it
                byte[] event = HttpApiEvents.event("POST /telegram/{botId}", Map.of("botId", path.substring(path.lastIndexOf('/') + 1)),
                        new HttpApiEvents.Request(exchange.getRequestMethod(), path, null, exchange.getRequestHeaders(),
                                exchange.getRequestBody().readAllBytes(), "127.0.0.1"), "bench");
                WebhookResponse response = handler.get().handle(Json.MAPPER.readTree(event));
                byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
