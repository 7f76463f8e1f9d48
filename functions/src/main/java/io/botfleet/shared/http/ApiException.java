package io.botfleet.shared.http;

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

    public Problem problem() {
        return problem;
    }

    public HttpResponse toResponse(String requestId) {
        return problem.withInstance(requestId).toResponse().withHeaders(headers);
    }
}
