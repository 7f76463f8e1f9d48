package io.botfleet.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
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

/**
 * Hosts a {@link WebhookHandler} on loopback the way API Gateway does: the HTTP request becomes a payload 2.0 event,
 * the handler's answer becomes the HTTP response. The handler can be set after start (its environment needs the URL).
 */
public final class WebhookTestServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<WebhookHandler> handler = new AtomicReference<>();

    private WebhookTestServer(HttpServer server) {
        this.server = server;
    }

    public static WebhookTestServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            WebhookTestServer s = new WebhookTestServer(server);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/telegram/", exchange -> {
                try (exchange) {
                    WebhookHandler h = s.handler.get();
                    if (h == null) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    String path = exchange.getRequestURI().getPath();
                    ObjectNode event = Json.MAPPER.createObjectNode();
                    event.put("version", "2.0").put("routeKey", "POST /telegram/{botId}").put("rawPath", path);
                    ObjectNode headers = event.putObject("headers");
                    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                    event.putObject("pathParameters").put("botId", path.substring(path.lastIndexOf('/') + 1));
                    ObjectNode ctx = event.putObject("requestContext");
                    ctx.put("requestId", UUID.randomUUID().toString());
                    ctx.putObject("http").put("method", exchange.getRequestMethod()).put("sourceIp", "127.0.0.1");
                    event.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    event.put("isBase64Encoded", false);
                    WebhookService.Response response = h.handle(event);
                    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("content-type", "application/json");
                    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void handler(WebhookHandler h) {
        handler.set(h);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
