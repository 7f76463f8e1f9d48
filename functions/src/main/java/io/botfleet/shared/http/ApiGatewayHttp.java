package io.botfleet.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Translates API Gateway HTTP API (payload 2.0) events to the platform's requests and back. */
public final class ApiGatewayHttp {
    private ApiGatewayHttp() {}

    public static HttpRequest toRequest(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : "GET";
        String ip = context != null && context.getHttp() != null ? context.getHttp().getSourceIp() : "";
        String requestId = context != null && context.getRequestId() != null ? context.getRequestId() : UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        byte[] body = event.getBody() == null ? new byte[0]
                : event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        return new HttpRequest(method, event.getRawPath() == null ? "/" : event.getRawPath(),
                event.getPathParameters() == null ? Map.of() : event.getPathParameters(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                headers, body, ip == null ? "" : ip, requestId);
    }

    public static APIGatewayV2HTTPResponse toResponse(HttpResponse response) {
        String contentType = response.headers().getOrDefault("content-type", "");
        boolean text = contentType.startsWith("application/json") || contentType.startsWith("application/problem+json")
                || contentType.startsWith("application/x-ndjson") || contentType.startsWith("text/") || response.body().length == 0;
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(text ? response.bodyText() : Base64.getEncoder().encodeToString(response.body()))
                .withIsBase64Encoded(!text)
                .build();
    }
}
