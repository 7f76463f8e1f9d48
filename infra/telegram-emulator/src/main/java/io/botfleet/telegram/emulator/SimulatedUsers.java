package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** What simulated users do in a bot's chat, turned into the updates Telegram would send the bot. */
final class SimulatedUsers {

    private final EmulatorState state;
    private final Clock clock;
    private final AtomicLong lastCallbackQueryId = new AtomicLong(1_234_567_890_000_000_000L);

    SimulatedUsers(EmulatorState state) {
        this.state = state;
        this.clock = state.clock();
    }

    /**
     * A user who had blocked the bot unblocks it by writing to it (the client's "Restart" button sends /start), so the
     * bot first gets the my_chat_member update (kicked → member), then the message.
     */
    long sendsText(BotState bot, EmulatedUser user, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a user cannot send an empty message");
        }
        changesBlock(bot, user, false);
        ChatHistory chat = bot.chat(user.id());
        long messageId = chat.nextMessageId();
        ObjectNode message = Json.object().put("message_id", messageId);
        message.set("from", state.userJson(user));
        message.set("chat", state.chatJson(user.id()));
        message.put("date", clock.instant().getEpochSecond());
        message.put("text", text);
        if (text.startsWith("/")) {
            int commandEnd = text.indexOf(' ');
            message.putArray("entities").addObject()
                    .put("type", "bot_command").put("offset", 0).put("length", commandEnd < 0 ? text.length() : commandEnd);
        }
        chat.userSent(messageId, message);
        bot.startedBy(user.id());
        return bot.updates().add("message", message);
    }

    long sendsStart(BotState bot, EmulatedUser user, String payload) {
        return sendsText(bot, user, payload == null || payload.isEmpty() ? "/start" : "/start " + payload);
    }

    long pressesButton(BotState bot, EmulatedUser user, long messageId, String callbackData) {
        ObjectNode message = bot.chat(user.id()).message(messageId);
        if (message == null) {
            throw new IllegalArgumentException("no message " + messageId + " in the chat of bot " + bot.id()
                    + " with user " + user.id());
        }
        String queryId = Long.toString(lastCallbackQueryId.incrementAndGet());
        bot.callbackQueryAsked(queryId);
        ObjectNode query = Json.object().put("id", queryId);
        query.set("from", state.userJson(user));
        query.set("message", message);
        query.put("chat_instance", Long.toString((bot.id() * 1_000_003L) ^ user.id()));
        query.put("data", callbackData);
        return bot.updates().add("callback_query", query);
    }

    /** Returns the update id, or -1 when the user had already blocked (or not blocked) the bot. */
    long changesBlock(BotState bot, EmulatedUser user, boolean blocks) {
        if (!bot.setBlockedBy(user.id(), blocks)) {
            return -1;
        }
        ObjectNode update = Json.object();
        update.set("chat", state.chatJson(user.id()));
        update.set("from", state.userJson(user));
        update.put("date", clock.instant().getEpochSecond());
        update.set("old_chat_member", member(bot, blocks ? "member" : "kicked"));
        update.set("new_chat_member", member(bot, blocks ? "kicked" : "member"));
        return bot.updates().add("my_chat_member", update);
    }

    /**
     * The group's (anonymous) administrator removes the bot from the group or adds it back. Returns the update id,
     * or -1 when the bot was already out (or in).
     */
    long changesBotMembership(BotState bot, EmulatedGroup group, boolean kicks) {
        if (!bot.setKickedFrom(group.id(), kicks)) {
            return -1;
        }
        ObjectNode update = Json.object();
        update.set("chat", state.chatJson(group.id()));
        update.set("from", EmulatorState.anonymousAdminJson());
        update.put("date", clock.instant().getEpochSecond());
        update.set("old_chat_member", member(bot, kicks ? "member" : "kicked"));
        update.set("new_chat_member", member(bot, kicks ? "kicked" : "member"));
        return bot.updates().add("my_chat_member", update);
    }

    /**
     * The service messages of a group upgrade, to a bot that knows the group and was not kicked from it: one in the
     * new supergroup ({@code migrate_from_chat_id}), then one in the old group ({@code migrate_to_chat_id}), as
     * Telegram sends them. The emulator's bots are in every group, but only those that have been in touch with the
     * group get these updates, so that tests sharing an emulator do not see each other's groups.
     */
    void groupUpgraded(BotState bot, EmulatedGroup group, EmulatedGroup supergroup) {
        if (!bot.knowsChat(group.id()) || bot.isKickedFrom(group.id())) {
            return;
        }
        long date = clock.instant().getEpochSecond();
        ChatHistory newChat = bot.chat(supergroup.id());
        long newMessageId = newChat.nextMessageId();
        ObjectNode from = Json.object().put("message_id", newMessageId);
        from.set("from", EmulatorState.anonymousAdminJson());
        from.set("sender_chat", state.chatJson(supergroup.id()));
        from.set("chat", state.chatJson(supergroup.id()));
        from.put("date", date).put("migrate_from_chat_id", group.id());
        newChat.userSent(newMessageId, from);
        bot.updates().add("message", from);

        ChatHistory oldChat = bot.chat(group.id());
        long oldMessageId = oldChat.nextMessageId();
        ObjectNode to = Json.object().put("message_id", oldMessageId);
        to.set("from", EmulatorState.anonymousAdminJson());
        to.set("chat", state.chatJson(group.id()));
        to.put("date", date).put("migrate_to_chat_id", supergroup.id());
        oldChat.userSent(oldMessageId, to);
        bot.updates().add("message", to);
    }

    private static ObjectNode member(BotState bot, String status) {
        ObjectNode member = Json.object().put("status", status);
        member.set("user", bot.userJson());
        if (status.equals("kicked")) {
            member.put("until_date", 0);
        }
        return member;
    }
}
