package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request an SDK sent to the gateway, with who signed it and for which service, read from the SigV4
 * credential scope ({@code Credential=AKID/date/region/SERVICE/aws4_request}) of the Authorization header or,
 * for presigned URLs, of the X-Amz-Credential query parameter.
 */
final class AwsCall {
    private static final ObjectMapper json = new ObjectMapper();
    private static final String CREDENTIAL = "Credential=";

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Headers headers;
    private final byte[] body;
    private final String accessKeyId;
    private final String service;
    private final String sessionToken;
    private final Map<String, String> query;
    private JsonNode parsed;

    private AwsCall(String method, String rawPath, String rawQuery, Headers headers, byte[] body,
                    String accessKeyId, String service, String sessionToken, Map<String, String> query) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
        this.accessKeyId = accessKeyId;
        this.service = service;
        this.sessionToken = sessionToken;
        this.query = query;
    }

    static AwsCall of(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        Map<String, String> query = query(rawQuery);
        String scope = credentialScope(headers.getFirst("Authorization"), query);
        String[] parts = scope == null ? new String[0] : scope.split("/");
        String token = headers.getFirst("X-Amz-Security-Token");
        return new AwsCall(method, rawPath, rawQuery, headers, body,
                parts.length == 5 ? parts[0] : null,
                parts.length == 5 ? parts[3] : null,
                token != null ? token : query.get("X-Amz-Security-Token"),
                query);
    }

    private static String credentialScope(String authorization, Map<String, String> query) {
        if (authorization != null) {
            int start = authorization.indexOf(CREDENTIAL);
            if (start < 0) {
                return null;
            }
            int end = authorization.indexOf(',', start);
            return authorization.substring(start + CREDENTIAL.length(), end < 0 ? authorization.length() : end).trim();
        }
        return query.get("X-Amz-Credential");
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The operation of a JSON-protocol request: the part of X-Amz-Target after the dot. */
    String target() {
        String target = headers.getFirst("X-Amz-Target");
        return target == null ? null : target.substring(target.indexOf('.') + 1);
    }

    /** The JSON body, parsed once (only the thread serving the request reads it). */
    JsonNode json() {
        if (parsed == null) {
            try {
                parsed = body.length == 0 ? json.createObjectNode() : json.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("request body is not JSON", e);
            }
        }
        return parsed;
    }

    String method() {
        return method;
    }

    String rawPath() {
        return rawPath;
    }

    Headers headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String service() {
        return service;
    }

    String sessionToken() {
        return sessionToken;
    }

    Map<String, String> query() {
        return query;
    }

    String pathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }
}
