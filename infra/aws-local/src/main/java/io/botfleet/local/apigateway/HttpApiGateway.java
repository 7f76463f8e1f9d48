package io.botfleet.local.apigateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.LambdaFunction;
import io.botfleet.local.lambda.events.HttpApiEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's HTTP API on one local port: each route of the template's HttpApi events becomes a payload-2.0
 * event for its function, with the gateway's own limits; other paths go to a fallback (the runner's dashboard).
 */
public final class HttpApiGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApiGateway.class);
    /** HTTP API refuses larger request bodies before any integration runs. */
    static final int BODY_LIMIT = 10 * 1024 * 1024;

    /** One HttpApi event of a function: {@code POST /telegram/{botId}}, {@code ANY /api/{proxy+}}. */
    public record Route(String method, String path, Invoker function) {
        String routeKey() {
            return method + " " + path;
        }

        Optional<Map<String, String>> match(String requestMethod, String requestPath) {
            if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
                return Optional.empty();
            }
            String[] expected = path.substring(1).split("/");
            String[] actual = requestPath.substring(1).split("/", -1);
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < expected.length; i++) {
                String e = expected[i];
                if (e.endsWith("+}")) {
                    if (actual.length <= i) {
                        return Optional.empty();
                    }
                    params.put(e.substring(1, e.length() - 2), String.join("/", List.of(actual).subList(i, actual.length)));
                    return Optional.of(params);
                }
                if (i >= actual.length) {
                    return Optional.empty();
                }
                if (e.startsWith("{")) {
                    if (actual[i].isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(e.substring(1, e.length() - 1), URLDecoder.decode(actual[i], StandardCharsets.UTF_8));
                } else if (!e.equals(actual[i])) {
                    return Optional.empty();
                }
            }
            return actual.length == expected.length ? Optional.of(params) : Optional.empty();
        }
    }

    private final HttpServer server;
    private final List<Route> routes;
    private final HttpHandler fallback;

    private HttpApiGateway(HttpServer server, List<Route> routes, HttpHandler fallback) {
        this.server = server;
        this.routes = routes;
        this.fallback = fallback;
    }

    /**
     * @param port     0 picks a free one
     * @param fallback serves requests no route matches; null answers API Gateway's 404
     */
    public static HttpApiGateway start(int port, List<Route> routes, HttpHandler fallback) {
        HttpServer server = listen(port);
        HttpApiGateway gateway = new HttpApiGateway(server, List.copyOf(routes), fallback);
        serve(server, gateway::handle);
        return gateway;
    }

    /** A loopback HTTP server on {@code port} (0 picks one), not yet serving. */
    static HttpServer listen(int port) {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port, e);
        }
    }

    /** Every path to {@code handler}, each request on a virtual thread. */
    static void serve(HttpServer server, HttpHandler handler) {
        server.createContext("/", handler);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public List<Route> routes() {
        return routes;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            for (Route route : routes) {
                Optional<Map<String, String>> params = route.match(method, path);
                if (params.isPresent()) {
                    invoke(exchange, route, params.get());
                    return;
                }
            }
            if (fallback != null) {
                fallback.handle(exchange);
                return;
            }
            respond(exchange, new HttpApiEvents.Response(404, Map.of("content-type", "application/json"), List.of(),
                    "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void invoke(HttpExchange exchange, Route route, Map<String, String> pathParameters) throws IOException {
        byte[] body = readAtMost(exchange.getRequestBody(), BODY_LIMIT);
        if (body == null) {
            respond(exchange, new HttpApiEvents.Response(413, Map.of("content-type", "application/json"), List.of(),
                    "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8)));
            return;
        }
        var request = new HttpApiEvents.Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                exchange.getRemoteAddress().getAddress().getHostAddress());
        HttpApiEvents.Response response;
        try {
            response = HttpApiEvents.response(route.function().invoke(
                    HttpApiEvents.event(route.routeKey(), pathParameters, request, "local")));
        } catch (LambdaFunction.RequestTooLargeException e) {
            log.warn("{}", e.getMessage());
            response = new HttpApiEvents.Response(413, Map.of("content-type", "application/json"), List.of(),
                    "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8));
        }
        if (response.status() == 500) {
            log.warn("{} {} answered 500", exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        }
        respond(exchange, response);
    }

    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    static void respond(HttpExchange exchange, HttpApiEvents.Response response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        response.cookies().forEach(c -> exchange.getResponseHeaders().add("set-cookie", c));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
