package io.botfleet.shared.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.botfleet.shared.json.Json;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body, with the platform's stable machine-readable {@code code} and per-field errors.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, String instance,
                      List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public record FieldError(String field, String code, String message) {}

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("https://botfleet.io/problems/" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                title, status, detail, code, null, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, instance, List.copyOf(fieldErrors));
    }

    public Problem withInstance(String requestId) {
        return new Problem(type, title, status, detail, code, requestId, errors);
    }

    public HttpResponse toResponse() {
        return new HttpResponse(status, Map.of("content-type", CONTENT_TYPE), Json.writeBytes(this));
    }
}
