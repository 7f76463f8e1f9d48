package io.botfleet.webhook;

import io.botfleet.local.apigateway.FunctionUrlHost;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.events.HttpApiEvents;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The webhook's function URL on loopback, in front of the deployed WebhookFunction: Telegram's emulator posts to
 * {@code <baseUrl>/telegram/<botId>} and the function answers through its template handler. The function is set
 * after start, because the environment that registers webhooks needs this host's URL first.
 */
public final class WebhookTestServer implements AutoCloseable {
    private static final String URL_ID = "webhooktestserver";

    private final AtomicReference<Invoker> function = new AtomicReference<>(
            event -> Invocation.failure("NotDeployed", "no webhook function yet"));
    private final FunctionUrlHost host;

    private WebhookTestServer() {
        host = FunctionUrlHost.start(0, URL_ID, event -> function.get().invoke(event));
    }

    public static WebhookTestServer start() {
        return new WebhookTestServer();
    }

    /** The function URL without its trailing "/": a bot's webhook is {@code <baseUrl>/telegram/<botId>}. */
    public String baseUrl() {
        String url = host.url();
        return url.substring(0, url.length() - 1);
    }

    public void handler(Invoker webhookFunction) {
        function.set(webhookFunction);
    }

    /** One update delivered to the function as its function URL would hand it over, from 127.0.0.1. */
    public HttpApiEvents.Response deliver(String botId, String secret, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        if (secret != null) {
            headers.put("x-telegram-bot-api-secret-token", List.of(secret));
        }
        var request = new HttpApiEvents.Request("POST", "/telegram/" + botId, "", headers,
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        return HttpApiEvents.functionUrlResponse(function.get().invoke(HttpApiEvents.functionUrlEvent(request, URL_ID)));
    }

    @Override
    public void close() {
        host.close();
    }
}
