package io.botfleet.telegram.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves media files on loopback for the emulator to fetch, as a CDN serves them to Telegram. */
final class MediaServer implements AutoCloseable {

    /** What one path answers; {@code chunked} leaves out Content-Length, as streaming servers do. */
    record Response(int status, String contentType, byte[] body, boolean chunked) {
        static Response of(String contentType, byte[] body) {
            return new Response(200, contentType, body, false);
        }
    }

    private final HttpServer server;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    MediaServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                hits.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
                Response response = responses.getOrDefault(exchange.getRequestURI().getPath(),
                        new Response(404, "text/html", "<h1>Not Found</h1>".getBytes(), false));
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
                exchange.sendResponseHeaders(response.status(), response.chunked() ? 0 : response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                } catch (IOException clientGaveUp) {
                    // the emulator stops reading past its size limit
                }
            }
        });
        server.start();
    }

    /** Serves {@code response} at {@code path} and returns its URL. */
    String serve(String path, Response response) {
        responses.put(path, response);
        return url(path);
    }

    String serve(String path, String contentType, byte[] body) {
        return serve(path, Response.of(contentType, body));
    }

    /** How often {@code path} was requested. */
    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
