package io.botfleet.runner;

import static io.botfleet.local.template.SamTemplate.map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.botfleet.local.template.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's HTTP API on one local port: the template's HttpApi routes, each turned into a payload-2.0 event for
 * its function, and the built dashboard at {@code /}.
 */
public final class HttpApiGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApiGateway.class);

    /** One HttpApi event of a function: {@code POST /telegram/{botId}}, {@code ANY /api/{proxy+}}. */
    record ApiRoute(String method, String path, HostedFunction function) {
        Optional<Map<String, String>> match(String method, String requestPath) {
            if (!this.method.equals("ANY") && !this.method.equalsIgnoreCase(method)) {
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
    private final List<ApiRoute> routes;
    private final Path dashboard;

    private HttpApiGateway(HttpServer server, List<ApiRoute> routes, Path dashboard) {
        this.server = server;
        this.routes = routes;
        this.dashboard = dashboard;
    }

    public static HttpApiGateway start(int port, SamTemplate template, Map<String, HostedFunction> functions, Path dashboard)
            throws IOException {
        List<ApiRoute> routes = new ArrayList<>();
        functions.forEach((id, function) -> FunctionHosts.events(template, id).values().forEach(e -> {
            Map<String, Object> event = map(e);
            if ("HttpApi".equals(event.get("Type"))) {
                Map<String, Object> props = map(event.get("Properties"));
                routes.add(new ApiRoute(String.valueOf(props.get("Method")).toUpperCase(Locale.ROOT),
                        String.valueOf(props.get("Path")), function));
            }
        }));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        HttpApiGateway gateway = new HttpApiGateway(server, List.copyOf(routes), dashboard);
        server.createContext("/", gateway::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return gateway;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            for (ApiRoute route : routes) {
                Optional<Map<String, String>> params = route.match(method, path);
                if (params.isPresent()) {
                    invoke(exchange, route, params.get());
                    return;
                }
            }
            if (method.equals("GET") && !path.startsWith("/api/") && !path.startsWith("/telegram/")) {
                serveDashboard(exchange, path);
                return;
            }
            respond(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.error("function failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            // API Gateway's answer when the integration fails
            respond(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void invoke(HttpExchange exchange, ApiRoute route, Map<String, String> pathParameters) throws IOException {
        APIGatewayV2HTTPEvent event = toEvent(exchange, route, pathParameters);
        APIGatewayV2HTTPResponse response = route.function().invoke(event, APIGatewayV2HTTPResponse.class);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        }
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, ApiRoute route, Map<String, String> pathParameters) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(k, v, (a, b) -> a + "," + b);
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = headers.getOrDefault("content-type", "");
        boolean textual = body.length == 0 || contentType.contains("json") || contentType.startsWith("text/")
                || contentType.contains("x-www-form-urlencoded");
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.method() + " " + route.path())
                .withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body.length == 0 ? null : textual ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!textual)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route.method() + " " + route.path())
                        .withAccountId("123456789012")
                        .withApiId("local")
                        .withStage("$default")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withRequestId(UUID.randomUUID().toString())
                        .withTime(now.toString())
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }

    private void serveDashboard(HttpExchange exchange, String path) throws IOException {
        Path file = dashboard == null ? null : dashboard.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
        if (file == null || !file.startsWith(dashboard) || !Files.isRegularFile(file)) {
            // single-page app: unknown paths render the app, which routes on the client
            file = dashboard == null ? null : dashboard.resolve("index.html");
        }
        if (file == null || !Files.isRegularFile(file)) {
            respond(exchange, 200, "text/html; charset=utf-8", """
                    <!doctype html><title>botfleet</title><h1>botfleet local stack</h1>
                    <p>The dashboard is not built yet (web/dist). The API is at <a href="/api/health">/api/health</a>.</p>
                    """.getBytes(StandardCharsets.UTF_8));
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

    @Override
    public void close() {
        server.stop(0);
    }
}
