package io.botfleet.shared.http;

import io.botfleet.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response; bodies are bytes so CSV exports and JSON share one shape. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static HttpResponse json(int status, Object value) {
        return new HttpResponse(status, Map.of("content-type", "application/json"), Json.writeBytes(value));
    }

    public static HttpResponse text(int status, String contentType, String text) {
        return new HttpResponse(status, Map.of("content-type", contentType), text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), new byte[0]);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new HttpResponse(status, copy, body);
    }

    public HttpResponse withHeaders(Map<String, String> extra) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        extra.forEach((k, v) -> copy.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new HttpResponse(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
