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

    /**
     * For a chat that exists. Deactivated users and groups the bot was kicked from are checked by Telegram's Bot
     * API server before anything reaches Telegram; blocking and "can't initiate" come from Telegram itself and
     * concern sending only.
     */
    void check(BotState bot, long chatId, Right right) {
        EmulatedUser user = state.privateChatUser(chatId);
        if (user != null) {
            checkPrivate(bot, user, right);
            return;
        }
        EmulatedGroup group = state.groupChat(chatId);
        if (group != null) {
            checkGroup(bot, group, right);
        }
    }

    private void checkPrivate(BotState bot, EmulatedUser user, Right right) {
        if (right != Right.READ && state.isDeactivated(user.id())) {
            throw ApiException.forbidden("user is deactivated");
        }
        if (right != Right.SEND) {
            return;
        }
        if (bot.isBlockedBy(user.id())) {
            throw ApiException.forbidden("bot was blocked by the user");
        }
        if (!state.startedEveryBot(user.id()) && !bot.wasStartedBy(user.id())) {
            throw ApiException.forbidden("bot can't initiate conversation with a user");
        }
    }

    /**
     * An upgraded basic group refuses writes with the supergroup's id, before anything else, as Telegram's Bot API
     * server does. A supergroup that banned the bot hides even its description; a basic group still lets it read.
     */
    private void checkGroup(BotState bot, EmulatedGroup group, Right right) {
        Long supergroup = state.migratedTo(group.id());
        if (supergroup != null && (right == Right.WRITE || right == Right.SEND)) {
            throw ApiException.migrated(supergroup);
        }
        if (!bot.isKickedFrom(group.id())) {
            return;
        }
        if (!group.isBasic()) {
            throw ApiException.forbidden("bot was kicked from the supergroup chat");
        }
        if (right != Right.READ) {
            throw ApiException.forbidden("bot was kicked from the group chat");
        }
    }
}
