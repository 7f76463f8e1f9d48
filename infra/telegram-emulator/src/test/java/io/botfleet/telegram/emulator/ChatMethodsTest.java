package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMethodsTest extends EmulatorTestBase {

    private static final List<String> DOCUMENTED_ACTIONS = List.of("typing", "upload_photo", "record_video",
            "upload_video", "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location",
            "record_video_note", "upload_video_note");

    @Test
    void getChatDescribesAPrivateChatAsChatFullInfo() {
        EmulatedBot bot = emulator.createBot("info_bot", "Info Bot");
        EmulatedUser user = emulator.createUser("Ida", "ida", "it");

        BotApiClient.Answer answer = api.json(bot.token(), "getChat", Map.of("chat_id", user.id()));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode chat = answer.result();
        assertThat(chat.path("id").asLong()).isEqualTo(user.id());
        assertThat(chat.path("type").asText()).isEqualTo("private");
        assertThat(chat.path("first_name").asText()).isEqualTo("Ida");
        assertThat(chat.path("username").asText()).isEqualTo("ida");
        assertThat(chat.path("accent_color_id").asInt(-1)).isBetween(0, 6);
        assertThat(chat.path("max_reaction_count").asInt()).isPositive();
        assertThat(chat.path("accepted_gift_types").path("unlimited_gifts").isBoolean()).isTrue();
    }

    @Test
    void getChatDescribesGroupsByTypeAndUnknownChatsAreNotFound() {
        EmulatedBot bot = emulator.createBot("group_info_bot", "Group Info Bot");
        JsonNode basic = control.ok("POST", "/control/groups", Map.of("title", "Basic", "type", "group"));
        EmulatedGroup supergroup = emulator.createGroup("Super");

        JsonNode basicChat = api.json(bot.token(), "getChat", Map.of("chat_id", basic.path("id").asLong())).result();
        JsonNode superChat = api.json(bot.token(), "getChat", Map.of("chat_id", supergroup.id())).result();
        BotApiClient.Answer unknown = api.json(bot.token(), "getChat", Map.of("chat_id", 12345));

        assertThat(basic.path("type").asText()).isEqualTo("group");
        assertThat(String.valueOf(basic.path("id").asLong())).doesNotStartWith("-100");
        assertThat(basicChat.path("type").asText()).isEqualTo("group");
        assertThat(basicChat.path("title").asText()).isEqualTo("Basic");
        assertThat(String.valueOf(supergroup.id())).startsWith("-100");
        assertThat(superChat.path("type").asText()).isEqualTo("supergroup");
        assertThat(superChat.has("accepted_gift_types")).isTrue();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.description()).isEqualTo("Bad Request: chat not found");
        assertThat(control.call("POST", "/control/groups", Map.of("title", "X", "type", "channel")).status())
                .isEqualTo(400);
    }

    @Test
    void sendChatActionAcceptsTelegramsActionsAndSendsNothing() {
        EmulatedBot bot = emulator.createBot("action_bot", "Action Bot");
        EmulatedUser user = emulator.createUser("Jan", "jan", "en");

        for (String action : DOCUMENTED_ACTIONS) {
            BotApiClient.Answer answer = api.json(bot.token(), "sendChatAction", Map.of("chat_id", user.id(), "action", action));
            assertThat(answer.status()).as(action).isEqualTo(200);
            assertThat(answer.result().asBoolean()).isTrue();
        }

        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).isEmpty();
        assertThat(emulator.totalMessagesSent(bot.id())).isZero();
        // chat actions are not messages: the per-chat limit still lets the first message through
        assertThat(api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "hi")).status()).isEqualTo(200);
    }

    @Test
    void sendChatActionRefusesUnknownActionsBeforeLookingAtTheChat() {
        EmulatedBot bot = emulator.createBot("bad_action_bot", "Bad Action Bot");
        EmulatedUser user = emulator.createUser("Kai", "kai", "en");
        emulator.userBlocksBot(bot.id(), user.id());

        BotApiClient.Answer unknownAction = api.json(bot.token(), "sendChatAction", Map.of("chat_id", 42, "action", "dancing"));
        BotApiClient.Answer noAction = api.json(bot.token(), "sendChatAction", Map.of("chat_id", user.id()));
        BotApiClient.Answer unknownChat = api.json(bot.token(), "sendChatAction", Map.of("chat_id", 42, "action", "typing"));
        BotApiClient.Answer blocked = api.json(bot.token(), "sendChatAction", Map.of("chat_id", user.id(), "action", "typing"));

        assertThat(unknownAction.status()).isEqualTo(400);
        assertThat(unknownAction.description()).isEqualTo("Bad Request: wrong parameter action in request");
        assertThat(noAction.description()).isEqualTo("Bad Request: wrong parameter action in request");
        assertThat(unknownChat.description()).isEqualTo("Bad Request: chat not found");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.description()).isEqualTo("Forbidden: bot was blocked by the user");
    }
}
