package io.botfleet.webhook;

import io.botfleet.local.apigateway.HttpApiGateway;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.events.HttpApiEvents;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The webhook route of the HTTP API on loopback, in front of the deployed WebhookFunction: Telegram's emulator posts
 * here and the function answers through its template handler. The function is set after start, because the
 * environment that registers webhooks needs this server's URL first.
 */
public final class WebhookTestServer implements AutoCloseable {
    private static final String ROUTE = "POST /telegram/{botId}";

    private final AtomicReference<Invoker> function = new AtomicReference<>(
            event -> Invocation.failure("NotDeployed", "no webhook function yet"));
    private final HttpApiGateway gateway;

    private WebhookTestServer() {
        gateway = HttpApiGateway.start(0, List.of(new HttpApiGateway.Route("POST", "/telegram/{botId}",
                event -> function.get().invoke(event))), null);
    }

    public static WebhookTestServer start() {
        return new WebhookTestServer();
    }

    public String baseUrl() {
        return gateway.baseUrl();
    }

    public void handler(Invoker webhookFunction) {
        function.set(webhookFunction);
    }

    /** One update delivered to the function as the HTTP API would hand it over, from {@code sourceIp}. */
    public HttpApiEvents.Response deliver(String botId, String secret, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        if (secret != null) {
            headers.put("x-telegram-bot-api-secret-token", List.of(secret));
        }
        var request = new HttpApiEvents.Request("POST", "/telegram/" + botId, "", headers,
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        return HttpApiEvents.response(function.get().invoke(HttpApiEvents.event(ROUTE, Map.of("botId", botId), request, "local")));
    }

    @Override
    public void close() {
        gateway.close();
    }
}
