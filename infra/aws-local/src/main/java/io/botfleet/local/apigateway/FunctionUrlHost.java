package io.botfleet.local.apigateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.LambdaFunction;
import io.botfleet.local.lambda.events.HttpApiEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda function URL on a local port of its own, as each URL is a host of its own on AWS
 * ({@code https://<url id>.lambda-url.<region>.on.aws/}): every method and path reaches the function as a payload-2.0
 * event with the URL's sentinel values, with the headers Lambda's front end adds; the answer maps back as a function
 * URL maps it (a failed invocation is a 502). A function with reserved concurrency is throttled as Lambda throttles it:
 * a request beyond that many in flight is refused with 429 without reaching the function.
 */
public final class FunctionUrlHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FunctionUrlHost.class);
    /** Lambda's synchronous invocation payload limit: a larger request never reaches the function. */
    static final int BODY_LIMIT = 6 * 1024 * 1024;

    private final HttpServer server;
    private final String urlId;
    private final Invoker function;
    private final java.util.concurrent.Semaphore reserved;

    private FunctionUrlHost(HttpServer server, String urlId, Invoker function, int reservedConcurrency) {
        this.server = server;
        this.urlId = urlId;
        this.function = function;
        this.reserved = new java.util.concurrent.Semaphore(reservedConcurrency);
    }

    /**
     * @param port  0 picks a free one
     * @param urlId the URL's id (its host's first label on AWS): the event's {@code apiId} and {@code domainPrefix}
     */
    public static FunctionUrlHost start(int port, String urlId, Invoker function) {
        return start(port, urlId, function, Integer.MAX_VALUE);
    }

    /** @param reservedConcurrency the function's ReservedConcurrentExecutions: invocations in flight at most */
    public static FunctionUrlHost start(int port, String urlId, Invoker function, int reservedConcurrency) {
        HttpServer server = HttpApiGateway.listen(port);
        FunctionUrlHost host = new FunctionUrlHost(server, urlId, function, reservedConcurrency);
        HttpApiGateway.serve(server, host::handle);
        return host;
    }

    /** The URL's local base, ending with "/" as a FunctionUrl attribute does. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpApiGateway.readAtMost(exchange.getRequestBody(), BODY_LIMIT);
            if (body == null) {
                HttpApiGateway.respond(exchange, tooLarge());
                return;
            }
            String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            headers.put("x-forwarded-for", List.of(sourceIp));
            headers.put("x-forwarded-proto", List.of("https"));
            headers.put("x-forwarded-port", List.of("443"));
            headers.put("x-amzn-trace-id", List.of(traceId()));
            var request = new HttpApiEvents.Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body, sourceIp);
            if (!reserved.tryAcquire()) {
                log.warn("{} {} throttled: reserved concurrency reached", exchange.getRequestMethod(), exchange.getRequestURI().getPath());
                HttpApiGateway.respond(exchange, new HttpApiEvents.Response(429, Map.of("content-type", "application/json"), List.of(),
                        "{\"Message\":\"Rate Exceeded.\"}".getBytes(StandardCharsets.UTF_8)));
                return;
            }
            HttpApiEvents.Response response;
            try {
                response = HttpApiEvents.functionUrlResponse(function.invoke(HttpApiEvents.functionUrlEvent(request, urlId)));
            } catch (LambdaFunction.RequestTooLargeException e) {
                log.warn("{}", e.getMessage());
                response = tooLarge();
            } finally {
                reserved.release();
            }
            if (response.status() >= 500) {
                log.warn("{} {} answered {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), response.status());
            }
            HttpApiGateway.respond(exchange, response);
        }
    }

    private static HttpApiEvents.Response tooLarge() {
        return new HttpApiEvents.Response(413, Map.of("content-type", "application/json"), List.of(),
                "{\"Message\":\"Request must be smaller than 6291456 bytes for the InvokeFunction operation\"}"
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** X-Ray's trace header as Lambda's front end sets it (a root id; no sampling decision upstream). */
    private static String traceId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(id);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
