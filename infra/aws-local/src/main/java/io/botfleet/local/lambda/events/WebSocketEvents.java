package io.botfleet.local.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.lambda.Invocation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway WebSocket API's Lambda proxy integration: the events of a connection's life ({@code $connect} with
 * the handshake's headers and query, each message with its body and chosen route, {@code $disconnect}) and the
 * status the function answers.
 */
public final class WebSocketEvents {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private WebSocketEvents() {}

    /** One connection as the API knows it. */
    public record Connection(String apiId, String stage, String connectionId, Instant connectedAt, String sourceIp) {}

    public static byte[] connect(Connection c, Map<String, List<String>> headers, Map<String, List<String>> query) {
        ObjectNode event = EventJson.object();
        putMulti(event, "headers", "multiValueHeaders", headers, true);
        putMulti(event, "queryStringParameters", "multiValueQueryStringParameters", query, false);
        context(event, c, "$connect", "CONNECT", headers.getOrDefault("User-Agent", List.of("")).getFirst());
        event.put("isBase64Encoded", false);
        return EventJson.bytes(event);
    }

    public static byte[] message(Connection c, String routeKey, String body) {
        ObjectNode event = EventJson.object();
        ObjectNode context = context(event, c, routeKey, "MESSAGE", "");
        context.put("messageId", UUID.randomUUID().toString());
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return EventJson.bytes(event);
    }

    public static byte[] disconnect(Connection c, int statusCode, String reason) {
        ObjectNode event = EventJson.object();
        ObjectNode context = context(event, c, "$disconnect", "DISCONNECT", "");
        context.put("disconnectStatusCode", statusCode);
        context.put("disconnectReason", reason == null ? "" : reason);
        event.put("isBase64Encoded", false);
        return EventJson.bytes(event);
    }

    /** The status the function answered; a failed invocation, or an answer without one, is API Gateway's 500. */
    public static int status(Invocation invocation) {
        if (invocation.failed()) {
            return 500;
        }
        JsonNode answer = EventJson.parse(invocation.payload());
        return answer != null && answer.isObject() && answer.has("statusCode") ? answer.get("statusCode").asInt(500) : 500;
    }

    private static ObjectNode context(ObjectNode event, Connection c, String routeKey, String eventType, String userAgent) {
        Instant now = Instant.now();
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("extendedRequestId", UUID.randomUUID().toString());
        context.put("requestTime", TIME.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", c.stage());
        context.put("connectedAt", c.connectedAt().toEpochMilli());
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", c.sourceIp());
        identity.put("userAgent", userAgent);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("domainName", c.apiId() + ".execute-api.us-east-1.amazonaws.com");
        context.put("connectionId", c.connectionId());
        context.put("apiId", c.apiId());
        return context;
    }

    /** The single-value map keeps the last value of a repeated name, as API Gateway does. */
    private static void putMulti(ObjectNode event, String single, String multi, Map<String, List<String>> values,
                                 boolean headers) {
        if (values.isEmpty() && !headers) {
            return;
        }
        ObjectNode one = event.putObject(single);
        ObjectNode many = event.putObject(multi);
        values.forEach((name, list) -> {
            one.put(name, list.getLast());
            var array = many.putArray(name);
            list.forEach(array::add);
        });
    }
}
