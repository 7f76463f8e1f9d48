package io.botfleet.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Lambda Runtime API (version 2018-06-01) of one execution environment: the runtime inside the function's
 * process long-polls {@code /invocation/next} for an event and posts the result to {@code /response} or
 * {@code /error}. It is the same protocol the Lambda service speaks, so the runtime interface client that Lambda's
 * java21 runtime is built on runs here unchanged.
 */
final class RuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** An event handed to the runtime, completed by its response or error. */
    record Pending(String requestId, byte[] event, long timeoutMillis, String functionArn,
                   CompletableFuture<Invocation> result) {}

    private final HttpServer server;
    private final BlockingQueue<Pending> next = new SynchronousQueue<>();
    private final AtomicReference<Pending> current = new AtomicReference<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();

    RuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The value of AWS_LAMBDA_RUNTIME_API for the runtime. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Hands an event to the runtime if it asks for the next one within {@code waitMillis}. */
    boolean offer(Pending pending, long waitMillis) throws InterruptedException {
        return next.offer(pending, waitMillis, TimeUnit.MILLISECONDS);
    }

    CompletableFuture<String> initError() {
        return initError;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                sendNext(exchange);
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, requestId(path), Invocation.success(body));
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, requestId(path), new Invocation(body, "Unhandled"));
            } else if (path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                respond(exchange, 404, "{\"errorMessage\":\"unknown runtime API path " + path + "\"}");
            }
        }
    }

    private void sendNext(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = next.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "{}");
            return;
        }
        current.set(pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + pending.timeoutMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", pending.functionArn());
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + pending.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        exchange.sendResponseHeaders(200, pending.event().length == 0 ? -1 : pending.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(pending.event());
        }
    }

    private void complete(HttpExchange exchange, String requestId, Invocation invocation) throws IOException {
        Pending pending = current.get();
        if (pending == null || !pending.requestId().equals(requestId)) {
            respond(exchange, 400, "{\"errorMessage\":\"no invocation " + requestId + " in progress\"}");
            return;
        }
        current.set(null);
        respond(exchange, 202, "{\"status\":\"OK\"}");
        pending.result().complete(invocation);
    }

    private static String requestId(String path) {
        return path.substring("invocation/".length(), path.lastIndexOf('/'));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
