package io.botfleet.telegram.emulator;

/** A Bot API error answer: {@code {"ok":false,"error_code":status,"description":...}}. */
final class ApiException extends RuntimeException {

    private final int status;
    private final int retryAfterSeconds;
    private final long migrateToChatId;

    private ApiException(int status, String description, int retryAfterSeconds, long migrateToChatId) {
        super(description, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.migrateToChatId = migrateToChatId;
    }

    private ApiException(int status, String description) {
        this(status, description, 0, 0);
    }

    static ApiException of(int status, String description) {
        return new ApiException(status, description);
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request: " + detail);
    }

    static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized");
    }

    static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden: " + detail);
    }

    static ApiException notFound() {
        return new ApiException(404, "Not Found");
    }

    static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict: " + detail);
    }

    static ApiException tooManyRequests(int retryAfterSeconds) {
        return new ApiException(429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds, 0);
    }

    /** A write to a basic group that became a supergroup; {@code parameters.migrate_to_chat_id} says where. */
    static ApiException migrated(long supergroupChatId) {
        return new ApiException(400, "Bad Request: group chat was upgraded to a supergroup chat", 0, supergroupChatId);
    }

    static ApiException serverError(int status) {
        return new ApiException(status, status == 502 ? "Bad Gateway" : "Internal Server Error");
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

    /** Zero unless the chat was upgraded to a supergroup. */
    long migrateToChatId() {
        return migrateToChatId;
    }
}
