package io.botfleet.telegram;

import java.util.OptionalInt;

/**
 * A failed Bot API call, classified the way the platform must react to it. Never carries the bot token: the
 * description is Telegram's, the method name is ours.
 */
public final class TelegramApiException extends RuntimeException {
    private final int errorCode;
    private final String description;
    private final OptionalInt retryAfterSeconds;

    public TelegramApiException(String method, int errorCode, String description, OptionalInt retryAfterSeconds) {
        super(method + " failed: " + errorCode + " " + description, null, false, false);
        this.errorCode = errorCode;
        this.description = description;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 0 when Telegram could not be reached at all. */
    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return description;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean rateLimited() {
        return errorCode == 429;
    }

    public boolean blockedByUser() {
        return errorCode == 403;
    }

    /** 5xx, network errors: worth retrying. */
    public boolean transient_() {
        return errorCode == 0 || errorCode >= 500;
    }

    public boolean unauthorized() {
        return errorCode == 401 || errorCode == 404;
    }
}
