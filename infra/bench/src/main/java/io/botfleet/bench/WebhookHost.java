package io.botfleet.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.botfleet.lambda.webhook.WebhookHandler;
import io.botfleet.lambda.webhook.WebhookResponse;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
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
                ObjectNode event = Json.MAPPER.createObjectNode();
                event.put("version", "2.0").put("rawPath", path);
                ObjectNode headers = event.putObject("headers");
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                event.putObject("pathParameters").put("botId", path.substring(path.lastIndexOf('/') + 1));
                ObjectNode ctx = event.putObject("requestContext");
                ctx.put("requestId", UUID.randomUUID().toString());
                ctx.putObject("http").put("method", exchange.getRequestMethod()).put("sourceIp", "127.0.0.1");
                event.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                WebhookResponse response = handler.get().handle(event);
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
