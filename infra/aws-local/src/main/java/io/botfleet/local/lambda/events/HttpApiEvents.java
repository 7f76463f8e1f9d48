package io.botfleet.local.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.lambda.Invocation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Payload format 2.0, as API Gateway HTTP API's Lambda integration and Lambda function URLs build it from an HTTP
 * request, and how each turns the function's answer back into an HTTP response.
 */
public final class HttpApiEvents {
    public static final String ACCOUNT_ID = "123456789012";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpApiEvents() {}

    /** An HTTP request as it reached the API: header names in any case, values in arrival order. */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                          String sourceIp) {}

    /** What the API answers: status, headers, Set-Cookie values and the body. */
    public record Response(int status, Map<String, String> headers, List<String> cookies, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public static Response internalError() {
            return new Response(500, Map.of("content-type", "application/json"), List.of(),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    public static byte[] event(String routeKey, Map<String, String> pathParameters, Request request, String apiId) {
        return event(routeKey, pathParameters, request, apiId, ACCOUNT_ID, apiId + ".execute-api.us-east-1.amazonaws.com");
    }

    /**
     * What a Lambda function URL hands its function: the same payload 2.0, with API Gateway's keys at their sentinel
     * values (route and stage {@code $default}), no path parameters (the function reads {@code rawPath}), the account
     * {@code anonymous} for AuthType NONE, and the URL's own host as the domain name.
     */
    public static byte[] functionUrlEvent(Request request, String urlId) {
        return event("$default", Map.of(), request, urlId, "anonymous", urlId + ".lambda-url.us-east-1.on.aws");
    }

    private static byte[] event(String routeKey, Map<String, String> pathParameters, Request request, String apiId,
                                String accountId, String defaultDomain) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                values.forEach(v -> List.of(v.split(";\\s*")).forEach(cookies::add));
            } else {
                headers.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        ObjectNode event = EventJson.object();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        if (!cookies.isEmpty()) {
            ArrayNode c = event.putArray("cookies");
            cookies.forEach(c::add);
        }
        ObjectNode h = event.putObject("headers");
        headers.forEach(h::put);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        Instant now = Instant.now();
        String domain = headers.getOrDefault("host", defaultDomain);
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId);
        context.put("apiId", apiId);
        context.put("domainName", domain);
        context.put("domainPrefix", domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method().toUpperCase(Locale.ROOT));
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        boolean text = body.length == 0 || isText(headers.getOrDefault("content-type", ""));
        if (body.length > 0) {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", !text);
        return EventJson.bytes(event);
    }

    /** HTTP API passes text bodies as they are and base64-encodes everything else. */
    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript");
    }

    /** Repeated keys are joined with commas, as payload 2.0 does. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(k, v, (a, b) -> a + "," + b);
        }
        return query;
    }

    /**
     * The function's answer as API Gateway reads it: a failed invocation is a 500; an object with statusCode is a
     * response; any other valid JSON is a 200 whose body is that JSON.
     */
    public static Response response(Invocation invocation) {
        return invocation.failed() ? Response.internalError() : answer(invocation);
    }

    /** A function URL's answer: as API Gateway's, but a failed invocation is a 502 with Lambda's own message. */
    public static Response functionUrlResponse(Invocation invocation) {
        return invocation.failed()
                ? new Response(502, Map.of("content-type", "application/json"), List.of(),
                        "{\"Message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8))
                : answer(invocation);
    }

    private static Response answer(Invocation invocation) {
        JsonNode answer = EventJson.parse(invocation.payload());
        if (answer == null) {
            return Response.internalError();
        }
        if (!answer.isObject() || !answer.has("statusCode")) {
            return new Response(200, Map.of("content-type", "application/json"), List.of(), invocation.payload());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(f -> headers.put(f.getKey(), f.getValue().asText()));
        List<String> cookies = new ArrayList<>();
        answer.path("cookies").forEach(c -> cookies.add(c.asText()));
        String body = answer.path("body").asText("");
        byte[] bytes = answer.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new Response(answer.path("statusCode").asInt(500), headers, cookies, bytes);
    }
}
