package io.botfleet.telegram;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A failed Bot API call, classified the way the platform must react to it. Never carries the bot token: the
 * description is Telegram's, the method name is ours.
 */
public final class TelegramApiException extends RuntimeException {
    private final int errorCode;
    private final String description;
    private final OptionalInt retryAfterSeconds;
    private final OptionalLong migrateToChatId;
    private final boolean inDoubt;

    public TelegramApiException(String method, int errorCode, String description, OptionalInt retryAfterSeconds) {
        this(method, errorCode, description, retryAfterSeconds, OptionalLong.empty(), false);
    }

    /**
     * @param migrateToChatId Telegram's {@code parameters.migrate_to_chat_id}: the group became this supergroup
     * @param inDoubt         the request was handed to Telegram but no answer was read (a read timeout, a connection
     *                        lost while waiting): Telegram may have carried it out
     */
    public TelegramApiException(String method, int errorCode, String description, OptionalInt retryAfterSeconds,
                                OptionalLong migrateToChatId, boolean inDoubt) {
        super(method + " failed: " + errorCode + " " + description, null, false, false);
        this.errorCode = errorCode;
        this.description = description;
        this.retryAfterSeconds = retryAfterSeconds;
        this.migrateToChatId = migrateToChatId;
        this.inDoubt = inDoubt;
    }

    /** 0 when Telegram could not be reached at all, or did not answer. */
    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return description;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public OptionalLong migrateToChatId() {
        return migrateToChatId;
    }

    /** No answer was read for a request Telegram may have received; retrying it may do it twice. */
    public boolean inDoubt() {
        return inDoubt;
    }

    public boolean rateLimited() {
        return errorCode == 429;
    }

    /** Any 403: the chat refuses the bot (blocked, deactivated, never started, kicked); the description says which. */
    public boolean forbidden() {
        return errorCode == 403;
    }

    /** 5xx, network errors: worth retrying. */
    public boolean transient_() {
        return errorCode == 0 || errorCode >= 500;
    }

    /** The token is not (or no longer) valid: 401, or 404 for a token Telegram does not know at all. */
    public boolean unauthorized() {
        return errorCode == 401 || errorCode == 404;
    }
}
