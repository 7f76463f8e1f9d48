package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether a bot may read a chat, edit its messages there, delete there or send there, answering as Telegram does
 * when it may not. The rights nest: what stops reading also stops editing, what stops editing also stops writing.
 */
final class ChatAccess {

    enum Right {
        /** getChat. */
        READ,
        /** edit a message the bot sent. */
        EDIT,
        /** delete a message. */
        WRITE,
        /** send a message or a chat action: also refused by the user's own choices (blocking the bot). */
        SEND
    }

    private final EmulatorState state;

    ChatAccess(EmulatorState state) {
        this.state = state;
    }

    /** The chat object for messages; "chat not found" for chats that do not exist. */
    ObjectNode requireChat(long chatId) {
        ObjectNode chat = state.chatJson(chatId);
        if (chat == null) {
            throw ApiException.badRequest("chat not found");
        }
        return chat;
    }

    void check(BotState bot, long chatId, Right right) {
        if (chatId > 0 && right == Right.SEND && bot.isBlockedBy(chatId)) {
            throw ApiException.forbidden("bot was blocked by the user");
        }
    }
}
