package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The 403s Telegram sends, each brought about through the control API as a non-Java test would. */
class ForbiddenTest extends EmulatorTestBase {

    @Test
    void aDeactivatedUserCanNoLongerBeMessagedByAnyBot() {
        EmulatedBot bot = emulator.createBot("deact_bot", "Deact Bot");
        EmulatedBot other = emulator.createBot("deact_other_bot", "Deact Other Bot");
        EmulatedUser user = emulator.createUser("Lou", "lou", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        long messageId = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "hello"))
                .result().path("message_id").asLong();

        control.ok("POST", "/control/users/" + user.id() + "/deactivate", null);

        BotApiClient.Answer send = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "x"));
        BotApiClient.Answer otherSend = api.json(other.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "x"));
        BotApiClient.Answer edit = api.json(bot.token(), "editMessageText",
                Map.of("chat_id", user.id(), "message_id", messageId, "text", "edited"));
        BotApiClient.Answer delete = api.json(bot.token(), "deleteMessage", Map.of("chat_id", user.id(), "message_id", messageId));
        BotApiClient.Answer action = api.json(bot.token(), "sendChatAction", Map.of("chat_id", user.id(), "action", "typing"));
        BotApiClient.Answer info = api.json(bot.token(), "getChat", Map.of("chat_id", user.id()));

        for (BotApiClient.Answer refused : new BotApiClient.Answer[] {send, otherSend, edit, delete, action}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.description()).isEqualTo("Forbidden: user is deactivated");
        }
        assertThat(info.status()).isEqualTo(200);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).extracting(ReceivedMessage::text).containsExactly("hello");
        assertThat(emulator.totalMessagesSent(other.id())).isZero();
        assertThat(control.call("POST", "/control/users/999/deactivate", null).status()).isEqualTo(400);
    }

    @Test
    void aBotKickedFromABasicGroupCannotWriteThereButCanStillReadIt() {
        EmulatedBot bot = emulator.createBot("kicked_bot", "Kicked Bot");
        EmulatedBot stayed = emulator.createBot("stayed_bot", "Stayed Bot");
        long groupId = control.ok("POST", "/control/groups", Map.of("title", "Club", "type", "group")).path("id").asLong();
        long messageId = api.json(bot.token(), "sendMessage", Map.of("chat_id", groupId, "text", "hi all"))
                .result().path("message_id").asLong();

        long updateId = control.ok("POST", "/control/bots/" + bot.id() + "/groups/" + groupId + "/kick", null)
                .path("updateId").asLong();

        BotApiClient.Answer send = api.json(bot.token(), "sendMessage", Map.of("chat_id", groupId, "text", "x"));
        BotApiClient.Answer edit = api.json(bot.token(), "editMessageText",
                Map.of("chat_id", groupId, "message_id", messageId, "text", "edited"));
        assertThat(send.status()).isEqualTo(403);
        assertThat(send.description()).isEqualTo("Forbidden: bot was kicked from the group chat");
        assertThat(edit.description()).isEqualTo("Forbidden: bot was kicked from the group chat");
        assertThat(api.json(bot.token(), "getChat", Map.of("chat_id", groupId)).status()).isEqualTo(200);
        assertThat(api.json(stayed.token(), "sendMessage", Map.of("chat_id", groupId, "text", "still here")).status())
                .isEqualTo(200);
        JsonNode update = api.get(bot.token(), "getUpdates").result().get(0);
        assertThat(update.path("update_id").asLong()).isEqualTo(updateId);
        assertThat(update.path("my_chat_member").path("chat").path("id").asLong()).isEqualTo(groupId);
        assertThat(update.path("my_chat_member").path("old_chat_member").path("status").asText()).isEqualTo("member");
        assertThat(update.path("my_chat_member").path("new_chat_member").path("status").asText()).isEqualTo("kicked");
        assertThat(update.path("my_chat_member").path("from").path("id").asLong()).isPositive();

        control.ok("POST", "/control/bots/" + bot.id() + "/groups/" + groupId + "/add", null);
        assertThat(api.json(bot.token(), "sendMessage", Map.of("chat_id", groupId, "text", "back")).status()).isEqualTo(200);
    }

    @Test
    void aBotKickedFromASupergroupCannotEvenReadIt() {
        EmulatedBot bot = emulator.createBot("super_kicked_bot", "Super Kicked Bot");
        EmulatedGroup group = emulator.createGroup("Mega");

        control.ok("POST", "/control/bots/" + bot.id() + "/groups/" + group.id() + "/kick", null);
        JsonNode again = control.ok("POST", "/control/bots/" + bot.id() + "/groups/" + group.id() + "/kick", null);

        BotApiClient.Answer send = api.json(bot.token(), "sendMessage", Map.of("chat_id", group.id(), "text", "x"));
        BotApiClient.Answer info = api.json(bot.token(), "getChat", Map.of("chat_id", group.id()));
        assertThat(send.status()).isEqualTo(403);
        assertThat(send.description()).isEqualTo("Forbidden: bot was kicked from the supergroup chat");
        assertThat(info.description()).isEqualTo("Forbidden: bot was kicked from the supergroup chat");
        assertThat(again.path("updateId").asLong()).isEqualTo(-1);
    }

    @Test
    void aBotCannotWriteFirstToAUserWhoNeverWroteToIt() {
        EmulatedBot bot = emulator.createBot("stranger_bot", "Stranger Bot");
        EmulatedBot other = emulator.createBot("stranger_other_bot", "Stranger Other Bot");
        long userId = control.ok("POST", "/control/users", Map.of("firstName", "Mo", "startedBots", false))
                .path("id").asLong();

        BotApiClient.Answer before = api.json(bot.token(), "sendMessage", Map.of("chat_id", userId, "text", "hi"));
        control.ok("POST", "/control/bots/" + bot.id() + "/users/" + userId + "/start", Map.of());
        BotApiClient.Answer after = api.json(bot.token(), "sendMessage", Map.of("chat_id", userId, "text", "hi"));
        BotApiClient.Answer otherBot = api.json(other.token(), "sendMessage", Map.of("chat_id", userId, "text", "hi"));
        BotApiClient.Answer info = api.json(other.token(), "getChat", Map.of("chat_id", userId));

        assertThat(before.status()).isEqualTo(403);
        assertThat(before.description()).isEqualTo("Forbidden: bot can't initiate conversation with a user");
        assertThat(after.status()).isEqualTo(200);
        assertThat(otherBot.status()).isEqualTo(403);
        assertThat(otherBot.description()).isEqualTo("Forbidden: bot can't initiate conversation with a user");
        assertThat(info.status()).isEqualTo(200);
        assertThat(emulator.totalMessagesSent(other.id())).isZero();
    }

    @Test
    void usersCreatedAsBeforeCanBeMessagedByEveryBot() {
        EmulatedBot bot = emulator.createBot("open_bot", "Open Bot");
        long userId = control.ok("POST", "/control/users", Map.of("firstName", "Nia")).path("id").asLong();

        assertThat(api.json(bot.token(), "sendMessage", Map.of("chat_id", userId, "text", "hi")).status()).isEqualTo(200);
    }
}
