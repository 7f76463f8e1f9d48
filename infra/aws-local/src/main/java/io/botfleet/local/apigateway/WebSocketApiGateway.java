package io.botfleet.local.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.events.WebSocketEvents;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's WebSocket API on one local port: clients connect to {@code ws://127.0.0.1:port/{stage}}; the
 * {@code $connect} route's function decides on the handshake (non-2xx refuses it), each text message goes to the
 * route its {@code $request.body.<field>} names (else {@code $default}, else nowhere), and a close to
 * {@code $disconnect}. The same port serves the management API, {@code /{stage}/@connections/{id}}: POST sends a
 * text frame, DELETE closes, GET describes, and an unknown connection is 410 GoneException. Functions reach it
 * through the AWS gateway, which authorizes {@code execute-api:ManageConnections} first.
 */
public final class WebSocketApiGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketApiGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** API Gateway closes a connection idle for 10 minutes. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    /**
     * A WebSocket API of the template.
     *
     * @param selectionField the body field its RouteSelectionExpression ({@code $request.body.action}) names
     * @param routes         each route key's function
     */
    public record Api(String apiId, String stage, String selectionField, Map<String, Invoker> routes) {}

    private final Api api;
    private final Server server;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newVirtualThreadPerTaskExecutor();

    private record Open(WebSocketEvents.Connection connection, Session session) {}

    private WebSocketApiGateway(Api api) {
        this.api = api;
        this.server = new Server();
    }

    public static WebSocketApiGateway start(int port, Api api) {
        WebSocketApiGateway gateway = new WebSocketApiGateway(api);
        try {
            gateway.listen(port);
            return gateway;
        } catch (Exception e) {
            gateway.close();
            throw new IllegalStateException("cannot start the WebSocket API " + api.apiId() + " on port " + port, e);
        }
    }

    private void listen(int port) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.addMapping("/" + api.stage(), this::handshake);
        });
        upgrades.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                manageConnection(request, response, callback);
                return true;
            }
        });
        server.setHandler(upgrades);
        server.start();
    }

    /** Where the management API is served (and, with ws:, where clients connect after the stage). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    /** The URL a browser connects to: {@code ws://127.0.0.1:port/{stage}}. */
    public String url() {
        return "ws" + endpoint().toString().substring("http".length()) + "/" + api.stage();
    }

    public Api api() {
        return api;
    }

    private Object handshake(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        var connection = new WebSocketEvents.Connection(api.apiId(), api.stage(), connectionId(), Instant.now(),
                Request.getRemoteAddr(request));
        Invoker connect = api.routes().get("$connect");
        if (connect != null) {
            int status = WebSocketEvents.status(connect.invoke(WebSocketEvents.connect(connection, headers(request),
                    query(request))));
            if (status < 200 || status > 299) {
                Response.writeError(request, response, callback, status);
                return null;
            }
        }
        return new Endpoint(connection);
    }

    /** API Gateway's connection ids are opaque, URL-safe and unique. */
    private static String connectionId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            out.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        return out;
    }

    private static Map<String, List<String>> query(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Fields.Field field : Request.extractQueryParameters(request)) {
            out.put(field.getName(), field.getValues());
        }
        return out;
    }

    /**
     * One client's socket: its messages and its close become the function's events, off Jetty's threads. Public:
     * Jetty calls the listener through method handles.
     */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private final WebSocketEvents.Connection connection;

        Endpoint(WebSocketEvents.Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            open.put(connection.connectionId(), new Open(connection, session));
        }

        @Override
        public void onWebSocketText(String message) {
            Invoker route = route(message);
            if (route != null) {
                events.submit(() -> route.invoke(WebSocketEvents.message(connection, routeKey(message), message)));
            }
        }

        /** A client that drops its socket is ordinary here; the close that follows tells the function. */
        @Override
        public void onWebSocketError(Throwable cause) {
            log.debug("connection {}: {}", connection.connectionId(), cause.toString());
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            open.remove(connection.connectionId());
            Invoker disconnect = api.routes().get("$disconnect");
            if (disconnect != null && !events.isShutdown()) {
                events.submit(() -> disconnect.invoke(WebSocketEvents.disconnect(connection, statusCode, reason)));
            }
        }
    }

    private Invoker route(String message) {
        return api.routes().get(routeKey(message));
    }

    /** The route the selection field names when it is a route, else $default. */
    private String routeKey(String message) {
        try {
            JsonNode body = JSON.readTree(message);
            JsonNode selected = body == null ? null : body.get(api.selectionField());
            if (selected != null && selected.isTextual() && !selected.asText().startsWith("$")
                    && api.routes().containsKey(selected.asText())) {
                return selected.asText();
            }
        } catch (IOException e) {
            // not JSON: $default
        }
        return "$default";
    }

    private void manageConnection(Request request, Response response, Callback callback) throws Exception {
        String prefix = "/" + api.stage() + "/@connections/";
        String path = Request.getPathInContext(request);
        if (!path.startsWith(prefix)) {
            Response.writeError(request, response, callback, 404);
            return;
        }
        Open target = open.get(path.substring(prefix.length()));
        if (target == null || !target.session().isOpen()) {
            response.setStatus(410);
            response.getHeaders().put("x-amzn-ErrorType", "GoneException");
            response.getHeaders().put("Content-Type", "application/json");
            Content.Sink.write(response, true, "{\"message\":null}", callback);
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> {
                CompletableFuture<Void> sent = new CompletableFuture<>();
                target.session().sendText(Content.Source.asString(request, StandardCharsets.UTF_8),
                        org.eclipse.jetty.websocket.api.Callback.from(() -> sent.complete(null), sent::completeExceptionally));
                sent.get(10, TimeUnit.SECONDS);
                response.setStatus(200);
                callback.succeeded();
            }
            case "DELETE" -> {
                target.session().close(StatusCode.NORMAL, "", org.eclipse.jetty.websocket.api.Callback.NOOP);
                response.setStatus(204);
                callback.succeeded();
            }
            case "GET" -> {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/json");
                Content.Sink.write(response, true, JSON.writeValueAsString(Map.of(
                        "connectedAt", target.connection().connectedAt().toString(),
                        "identity", Map.of("sourceIp", target.connection().sourceIp()))), callback);
            }
            default -> Response.writeError(request, response, callback, 405);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the WebSocket API {} failed", api.apiId(), e);
        }
        events.shutdown();
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
