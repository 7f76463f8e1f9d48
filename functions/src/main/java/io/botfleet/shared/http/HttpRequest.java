package io.botfleet.shared.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the platform's handlers see it, independent of API Gateway's event classes. Header names are
 * lower case (HTTP APIs deliver them so).
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] body,
        String sourceIp,
        String requestId) {

    public HttpRequest {
        method = method.toUpperCase(Locale.ROOT);
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter " + name);
        }
        return value;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public HttpRequest withPathParameters(Map<String, String> parameters) {
        return new HttpRequest(method, path, parameters, query, headers, body, sourceIp, requestId);
    }
}
