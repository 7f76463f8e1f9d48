package io.botfleet.webhook;

/**
 * What a bot answers to an update. It goes back as the webhook's response, which Telegram runs as a Bot API call, so
 * answering costs no call of ours and cannot be rate-limited.
 */
public sealed interface BotReply {
    /** Ends the spinner on the button the user pressed. */
    record AnswerCallback(String callbackQueryId) implements BotReply {}

    /** The bot's configured answer to /start or /stop. */
    record SendText(long chatId, String text) implements BotReply {}
}
