package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationTest extends EmulatorTestBase {

    @Test
    void writesToAnUpgradedGroupPointToTheSupergroup() {
        EmulatedBot bot = emulator.createBot("migrating_bot", "Migrating Bot");
        long groupId = control.ok("POST", "/control/groups", Map.of("title", "Growing", "type", "group")).path("id").asLong();
        long messageId = api.json(bot.token(), "sendMessage", Map.of("chat_id", groupId, "text", "hello group"))
                .result().path("message_id").asLong();

        JsonNode supergroup = control.ok("POST", "/control/groups/" + groupId + "/migrate", null);
        long supergroupId = supergroup.path("id").asLong();

        BotApiClient.Answer send = api.json(bot.token(), "sendMessage", Map.of("chat_id", groupId, "text", "x"));
        BotApiClient.Answer action = api.json(bot.token(), "sendChatAction", Map.of("chat_id", groupId, "action", "typing"));
        BotApiClient.Answer delete = api.json(bot.token(), "deleteMessage", Map.of("chat_id", groupId, "message_id", messageId));
        BotApiClient.Answer info = api.json(bot.token(), "getChat", Map.of("chat_id", groupId));
        BotApiClient.Answer moved = api.json(bot.token(), "sendMessage", Map.of("chat_id", supergroupId, "text", "hello again"));

        assertThat(supergroup.path("type").asText()).isEqualTo("supergroup");
        assertThat(supergroup.path("title").asText()).isEqualTo("Growing");
        assertThat(supergroup.path("migratedFromChatId").asLong()).isEqualTo(groupId);
        assertThat(String.valueOf(supergroupId)).startsWith("-100");
        for (BotApiClient.Answer refused : new BotApiClient.Answer[] {send, action, delete}) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.description()).isEqualTo("Bad Request: group chat was upgraded to a supergroup chat");
            assertThat(refused.body().path("parameters").path("migrate_to_chat_id").asLong()).isEqualTo(supergroupId);
            assertThat(refused.body().path("parameters").has("retry_after")).isFalse();
        }
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.result().path("type").asText()).isEqualTo("group");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.result().path("chat").path("type").asText()).isEqualTo("supergroup");
        assertThat(emulator.messagesReceivedBy(bot.id(), groupId)).extracting(ReceivedMessage::text).containsExactly("hello group");
    }

    @Test
    void botsThatKnewTheGroupGetTheMigrationServiceMessages() {
        EmulatedBot member = emulator.createBot("knew_bot", "Knew Bot");
        EmulatedBot stranger = emulator.createBot("never_bot", "Never Bot");
        EmulatedGroup group = emulator.createBasicGroup("Old Club");
        api.json(member.token(), "sendMessage", Map.of("chat_id", group.id(), "text", "hi"));

        EmulatedGroup supergroup = emulator.migrateGroupToSupergroup(group.id());
        JsonNode updates = api.get(member.token(), "getUpdates").result();

        assertThat(updates).hasSize(2);
        JsonNode from = updates.get(0).path("message");
        JsonNode to = updates.get(1).path("message");
        assertThat(from.path("chat").path("id").asLong()).isEqualTo(supergroup.id());
        assertThat(from.path("migrate_from_chat_id").asLong()).isEqualTo(group.id());
        assertThat(to.path("chat").path("id").asLong()).isEqualTo(group.id());
        assertThat(to.path("chat").path("type").asText()).isEqualTo("group");
        assertThat(to.path("migrate_to_chat_id").asLong()).isEqualTo(supergroup.id());
        assertThat(api.get(stranger.token(), "getUpdates").result()).isEmpty();
        // a bot that never wrote there still learns the new id from the error
        assertThat(api.json(stranger.token(), "sendMessage", Map.of("chat_id", group.id(), "text", "x")).body()
                .path("parameters").path("migrate_to_chat_id").asLong()).isEqualTo(supergroup.id());
    }

    @Test
    void onlyABasicGroupCanBeUpgradedAndOnlyOnce() {
        EmulatedGroup supergroup = emulator.createGroup("Already Super");
        EmulatedGroup basic = emulator.createBasicGroup("Basic");
        control.ok("POST", "/control/groups/" + basic.id() + "/migrate", null);

        assertThat(control.call("POST", "/control/groups/" + supergroup.id() + "/migrate", null).status()).isEqualTo(400);
        assertThat(control.call("POST", "/control/groups/" + basic.id() + "/migrate", null).status()).isEqualTo(400);
        assertThat(control.call("POST", "/control/groups/-123/migrate", null).status()).isEqualTo(400);
    }
}
