package io.botfleet.broadcast.send;

import io.botfleet.broadcast.content.TelegramSendRequest;
import io.botfleet.telegram.TelegramBotApi;

/**
 * How one send call reaches Telegram. Directly, for a request that is complete; a request naming a library file
 * ({@link TelegramSendRequest#libraryMediaId()}) needs a transport that uploads it or fills in the bot's file_id.
 */
@FunctionalInterface
public interface MessageTransport {
    /** @return the sent message's id; throws {@link io.botfleet.telegram.TelegramApiException} as the Bot API answers */
    long send(BotSendProfile bot, TelegramSendRequest request);

    static MessageTransport direct(TelegramBotApi telegram) {
        return (bot, request) -> {
            if (request.libraryMediaId() != null) {
                throw new IllegalStateException("media library item " + request.libraryMediaId() + " without a media transport");
            }
            return telegram.send(bot.token(), request.method(), request.chatId(), request.message());
        };
    }
}
