package io.botfleet.local.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A bucket's CORS configuration and S3's answers from it: preflights ({@code OPTIONS}) answered by the first rule
 * whose origin, method and every requested header match (one {@code *} wildcard allowed in origins and headers,
 * headers compared case-insensitively), and the {@code Access-Control-*} headers S3 adds to an actual request from an
 * allowed origin. Browsers upload straight to presigned URLs, so without these the dashboard cannot send a file.
 */
public record S3Cors(List<Rule> rules) {

    /** One {@code CorsRules} entry of {@code AWS::S3::Bucket}'s {@code CorsConfiguration}. */
    public record Rule(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposedHeaders, Integer maxAgeSeconds) {
        public Rule {
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedMethods = List.copyOf(allowedMethods);
            allowedHeaders = List.copyOf(allowedHeaders);
            exposedHeaders = List.copyOf(exposedHeaders);
        }

        boolean allows(String origin, String method) {
            return allowedOrigins.stream().anyMatch(o -> wildcard(o, origin, false)) && allowedMethods.contains(method);
        }

        boolean allowsHeader(String header) {
            return allowedHeaders.stream().anyMatch(h -> wildcard(h, header, true));
        }

        private String allowOrigin(String origin) {
            return allowedOrigins.contains("*") ? "*" : origin;
        }
    }

    public S3Cors {
        rules = List.copyOf(rules);
    }

    /** S3's answer to a preflight for an object or bucket of this configuration ({@code null}: CORS not enabled). */
    static ErrorResponse preflight(S3Cors cors, String origin, String method, String requestHeaders) {
        if (origin == null || origin.isBlank()) {
            return error(400, "BadRequest", "Insufficient information. Origin request header needed.");
        }
        if (method == null || method.isBlank()) {
            return error(400, "BadRequest", "Invalid Access-Control-Request-Method: null");
        }
        if (cors == null) {
            return error(403, "AccessForbidden", "CORSResponse: CORS is not enabled for this bucket.");
        }
        List<String> headers = requestHeaders == null ? List.of() : Arrays.stream(requestHeaders.split(","))
                .map(String::trim).filter(h -> !h.isEmpty()).map(h -> h.toLowerCase(Locale.ROOT)).toList();
        Optional<Rule> rule = cors.rules.stream()
                .filter(r -> r.allows(origin, method) && headers.stream().allMatch(r::allowsHeader))
                .findFirst();
        if (rule.isEmpty()) {
            return error(403, "AccessForbidden", "CORSResponse: This CORS request is not allowed. This is usually because the "
                    + "evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
                    + "are not whitelisted by the resource's CORS spec.");
        }
        Map<String, String> out = allowed(rule.get(), origin);
        if (!headers.isEmpty()) {
            out.put("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        out.put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        return new ErrorResponse(200, "text/plain", out, new byte[0]);
    }

    /** The headers S3 adds to an actual request from {@code origin} (none when no rule allows it, or without an Origin). */
    Map<String, String> actualRequestHeaders(String origin, String method) {
        if (origin == null) {
            return Map.of();
        }
        return rules.stream().filter(r -> r.allows(origin, method)).findFirst().map(r -> {
            Map<String, String> out = allowed(r, origin);
            out.put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
            return out;
        }).orElse(Map.of());
    }

    private static Map<String, String> allowed(Rule rule, String origin) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Access-Control-Allow-Origin", rule.allowOrigin(origin));
        out.put("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!rule.exposedHeaders().isEmpty()) {
            out.put("Access-Control-Expose-Headers", String.join(", ", rule.exposedHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
            out.put("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
        }
        if (!rule.allowedOrigins().contains("*")) {
            out.put("Access-Control-Allow-Credentials", "true");
        }
        return out;
    }

    /** S3's matching: the pattern's one {@code *} stands for any run of characters. */
    private static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse("");
        return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    private static ErrorResponse error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        return new ErrorResponse(status, "application/xml", Map.of(), xml.getBytes(StandardCharsets.UTF_8));
    }
}
