package io.botfleet.shared.http;

import io.botfleet.shared.errors.Refusal;
import java.util.List;
import java.util.Map;

/**
 * Thrown at the edge when a request cannot be served; becomes a problem response. The message is shown to
 * callers, so it must never contain secrets.
 */
public class ApiException extends RuntimeException {
    private final transient Problem problem;
    private final Map<String, String> headers;

    public ApiException(Problem problem) {
        this(problem, Map.of());
    }

    public ApiException(Problem problem, Map<String, String> headers) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(Problem.of(400, code, "Bad request", detail));
    }

    public static ApiException validation(List<Problem.FieldError> errors) {
        return new ApiException(Problem.of(422, "VALIDATION_FAILED", "Invalid input",
                "The request has " + errors.size() + " invalid field(s)").withErrors(errors));
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(Problem.of(404, code, "Not found", detail));
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(Problem.of(409, code, "Conflict", detail));
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(Problem.of(401, "UNAUTHORIZED", "Unauthorized", detail),
                Map.of("www-authenticate", "Bearer"));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Problem.of(403, "FORBIDDEN", "Forbidden", detail));
    }

    /** The HTTP form of a domain refusal: its kind's status, its code and detail, field errors, Retry-After. */
    public static ApiException of(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> refusal.fieldErrors().isEmpty()
                    ? new ApiException(Problem.of(422, refusal.code(), "Invalid input", refusal.detail()))
                    : validation(refusal.fieldErrors().stream()
                            .map(e -> new Problem.FieldError(e.field(), e.code(), e.message())).toList());
            case NOT_FOUND -> notFound(refusal.code(), refusal.detail());
            case CONFLICT -> conflict(refusal.code(), refusal.detail());
            case STALE_VERSION -> new ApiException(Problem.of(412, refusal.code(), "Precondition failed", refusal.detail()));
            case GONE -> new ApiException(Problem.of(410, refusal.code(), "Gone", refusal.detail()));
            case UNAUTHENTICATED -> new ApiException(Problem.of(401, refusal.code(), "Unauthorized", refusal.detail()),
                    Map.of("www-authenticate", "Bearer"));
            case FORBIDDEN -> new ApiException(Problem.of(403, refusal.code(), "Forbidden", refusal.detail()));
            case RATE_LIMITED -> new ApiException(Problem.of(429, refusal.code(), "Too many requests", refusal.detail()),
                    refusal.retryAfter().map(d -> Map.of("retry-after", Long.toString(Math.max(1, d.toSeconds())))).orElse(Map.of()));
            case UPSTREAM_FAILED -> new ApiException(Problem.of(502, refusal.code(), "Bad gateway", refusal.detail()));
        };
    }

    public Problem problem() {
        return problem;
    }

    public HttpResponse toResponse(String requestId) {
        return problem.withInstance(requestId).toResponse().withHeaders(headers);
    }
}
