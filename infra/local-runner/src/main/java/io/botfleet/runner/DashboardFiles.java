package io.botfleet.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built dashboard, served at every path the HTTP API does not route (a single-page app routes on the client), and
 * its runtime configuration at {@code /config.json}: one build serves every stage, each stage says where its API is.
 */
final class DashboardFiles implements HttpHandler {
    private final Path root;
    private final byte[] config;

    /** @param wsUrl the WebSocket API the dashboard follows live state on */
    DashboardFiles(Path root, URI apiBaseUrl, String wsUrl) {
        this.root = root;
        this.config = ("{\"apiBaseUrl\":\"" + apiBaseUrl + "\",\"wsUrl\":\"" + wsUrl + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("GET") || path.startsWith("/api/")) {
            respond(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/config.json")) {
            respond(exchange, 200, "application/json", config);
            return;
        }
        Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            file = root.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            respond(exchange, 200, "text/html; charset=utf-8", """
                    <!doctype html><title>botfleet</title><h1>botfleet local stack</h1>
                    <p>There is no dashboard build in %s. The API is at <a href="/api/health">/api/health</a>.</p>
                    """.formatted(root).getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(exchange, 200, contentType(file), Files.readAllBytes(file));
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript";
        if (name.endsWith(".css")) return "text/css";
        if (name.endsWith(".svg")) return "image/svg+xml";
        if (name.endsWith(".json")) return "application/json";
        if (name.endsWith(".png")) return "image/png";
        if (name.endsWith(".woff2")) return "font/woff2";
        return "application/octet-stream";
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
