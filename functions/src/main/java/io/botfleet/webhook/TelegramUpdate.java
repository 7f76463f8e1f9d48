package io.botfleet.webhook;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The facts of one Telegram update that the platform acts on, read from the JSON tree without binding the whole
 * Update type ({@link TelegramUpdateJson}). {@code kind} is the update field ({@code message}, {@code callback_query},
 * ...). Ids are 64-bit integers and every string is {@link TelegramText clean} and bounded by the limits below, so
 * nothing downstream (DynamoDB, SQS, the planner, exports) meets input it cannot handle.
 */
public record TelegramUpdate(long updateId, String kind, Optional<UpdateLedger.Contact> contact, String chatId,
                             Optional<String> command, Optional<String> startPayload, Optional<String> newStatus,
                             Optional<String> callbackQueryId, Optional<String> callbackData, String contentType) {

    static final int NAME_MAX = 128;
    static final int USERNAME_MAX = 64;
    static final int LANGUAGE_MAX = 16;
    static final int CHAT_TYPE_MAX = 16;
    static final int COMMAND_MAX = 64;
    static final int CALLBACK_MAX = 128;
    static final int KIND_MAX = 64;

    /** What the webhook read from a request body: an update it can process, or why it cannot. */
    public sealed interface Parsed {}

    public record Valid(TelegramUpdate update) implements Parsed {}

    /** @param updateId present when the body had a usable {@code update_id} */
    public record Refused(OptionalLong updateId, String reason) implements Parsed {}
}
