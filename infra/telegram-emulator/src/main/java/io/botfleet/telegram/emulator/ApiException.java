package io.botfleet.telegram.emulator;

/** A Bot API error answer: {@code {"ok":false,"error_code":status,"description":...}}. */
final class ApiException extends RuntimeException {

    private final int status;
    private final int retryAfterSeconds;

    private ApiException(int status, String description, int retryAfterSeconds) {
        super(description, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiException of(int status, String description) {
        return new ApiException(status, description, 0);
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request: " + detail, 0);
    }

    static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized", 0);
    }

    static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden: " + detail, 0);
    }

    static ApiException notFound() {
        return new ApiException(404, "Not Found", 0);
    }

    static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict: " + detail, 0);
    }

    static ApiException tooManyRequests(int retryAfterSeconds) {
        return new ApiException(429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds);
    }

    static ApiException serverError(int status) {
        return new ApiException(status, status == 502 ? "Bad Gateway" : "Internal Server Error", 0);
    }

    int status() {
        return status;
    }

    String description() {
        return getMessage();
    }

    /** Zero unless this is a 429. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
