package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract: every Bot API method the emulator serves, called validly, answers a well-formed
 * {@code {"ok":true,"result":...}} with the result Telegram documents. A method served without a case here fails
 * {@link #everyServedMethodHasACase()}, so the list cannot fall behind.
 */
class EmulatorMethodsTest extends EmulatorTestBase {

    private static final Map<String, Object> KEYBOARD =
            Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Go", "callback_data", "go"))));

    /** How to call one method validly, given a fresh bot and user, and what its result must look like. */
    private record Case(BiFunction<EmulatedBot, EmulatedUser, Map<String, ?>> params, Predicate<JsonNode> result,
                        String resultShape) {
    }

    private static MediaServer media;
    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    @BeforeAll
    static void describeEveryMethod() {
        media = new MediaServer();
        byte[] bytes = "media bytes".getBytes(StandardCharsets.UTF_8);
        String photo = media.serve("/contract/photo.png", "image/png", FakeMedia.png());
        String video = media.serve("/contract/video.mp4", "video/mp4", bytes);
        String animation = media.serve("/contract/animation.gif", "image/gif", bytes);
        String audio = media.serve("/contract/audio.mp3", "audio/mpeg", bytes);
        String document = media.serve("/contract/document.pdf", "application/pdf", bytes);

        add("getMe", (bot, user) -> Map.of(), EmulatorMethodsTest::isBotUser, "User (the bot)");
        add("setWebhook", (bot, user) -> Map.of("url", "http://127.0.0.1:9/hook"), JsonNode::asBoolean, "true");
        add("deleteWebhook", (bot, user) -> Map.of(), JsonNode::asBoolean, "true");
        add("getWebhookInfo", (bot, user) -> Map.of(), r -> r.has("url") && r.has("pending_update_count"), "WebhookInfo");
        add("getUpdates", (bot, user) -> {
            emulator.userSendsText(bot.id(), user.id(), "hi");
            return Map.of("timeout", 0);
        }, r -> r.isArray() && r.get(0).has("update_id") && r.get(0).has("message"), "Array of Update");
        add("sendMessage", (bot, user) -> Map.of("chat_id", user.id(), "text", "hello"), EmulatorMethodsTest::isMessage, "Message");
        add("sendPhoto", (bot, user) -> Map.of("chat_id", user.id(), "photo", photo),
                r -> isMessage(r) && r.path("photo").isArray(), "Message with photo");
        add("sendVideo", (bot, user) -> Map.of("chat_id", user.id(), "video", video),
                r -> isMessage(r) && r.path("video").has("file_id"), "Message with video");
        add("sendAnimation", (bot, user) -> Map.of("chat_id", user.id(), "animation", animation),
                r -> isMessage(r) && r.path("animation").has("file_id"), "Message with animation");
        add("sendAudio", (bot, user) -> Map.of("chat_id", user.id(), "audio", audio),
                r -> isMessage(r) && r.path("audio").has("file_id"), "Message with audio");
        add("sendDocument", (bot, user) -> Map.of("chat_id", user.id(), "document", document),
                r -> isMessage(r) && r.path("document").has("file_id"), "Message with document");
        add("sendMediaGroup", (bot, user) -> Map.of("chat_id", user.id(), "media", List.of(
                        Map.of("type", "photo", "media", photo), Map.of("type", "photo", "media", photo))),
                r -> r.isArray() && r.size() == 2 && isMessage(r.get(0)), "Array of Message");
        add("copyMessage", (bot, user) -> Map.of("chat_id", user.id(), "from_chat_id", user.id(),
                "message_id", sent(bot, user, "to copy")), r -> r.path("message_id").asLong() > 0, "MessageId");
        add("editMessageText", (bot, user) -> Map.of("chat_id", user.id(), "message_id", sent(bot, user, "before"),
                "text", "after"), r -> isMessage(r) && r.path("text").asText().equals("after"), "Message (edited)");
        add("editMessageCaption", (bot, user) -> Map.of("chat_id", user.id(), "message_id",
                        api.json(bot.token(), "sendPhoto", Map.of("chat_id", user.id(), "photo", photo))
                                .result().path("message_id").asLong(), "caption", "new caption"),
                r -> isMessage(r) && r.path("caption").asText().equals("new caption"), "Message (edited)");
        add("editMessageReplyMarkup", (bot, user) -> Map.of("chat_id", user.id(), "message_id", sent(bot, user, "menu"),
                "reply_markup", KEYBOARD), r -> isMessage(r) && r.has("reply_markup"), "Message (edited)");
        add("deleteMessage", (bot, user) -> Map.of("chat_id", user.id(), "message_id", sent(bot, user, "bye")),
                JsonNode::asBoolean, "true");
        add("getChat", (bot, user) -> Map.of("chat_id", user.id()),
                r -> r.path("id").asLong() > 0 && r.path("type").asText().equals("private") && r.has("accent_color_id"),
                "ChatFullInfo");
        add("sendChatAction", (bot, user) -> Map.of("chat_id", user.id(), "action", "typing"), JsonNode::asBoolean, "true");
        add("setMyCommands", (bot, user) -> Map.of("commands", List.of(Map.of("command", "start", "description", "Begin"))),
                JsonNode::asBoolean, "true");
        add("getMyCommands", (bot, user) -> Map.of(), JsonNode::isArray, "Array of BotCommand");
        add("deleteMyCommands", (bot, user) -> Map.of(), JsonNode::asBoolean, "true");
        add("answerCallbackQuery", (bot, user) -> {
            long messageId = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "pick",
                    "reply_markup", KEYBOARD)).result().path("message_id").asLong();
            emulator.userPressesButton(bot.id(), user.id(), messageId, "go");
            String queryId = api.get(bot.token(), "getUpdates").result().get(0).path("callback_query").path("id").asText();
            return Map.of("callback_query_id", queryId);
        }, JsonNode::asBoolean, "true");
        add("getFile", (bot, user) -> Map.of("file_id", api.json(bot.token(), "sendPhoto", Map.of("chat_id", user.id(),
                        "photo", photo)).result().path("photo").get(0).path("file_id").asText()),
                r -> r.has("file_id") && r.has("file_unique_id") && r.has("file_path"), "File");
    }

    @AfterAll
    static void stopMediaServer() {
        media.close();
    }

    @Test
    void everyServedMethodHasACase() {
        assertThat(new TreeSet<>(CASES.keySet())).isEqualTo(new TreeSet<>(emulator.botApiMethods()));
    }

    static Set<String> servedMethods() {
        return new TreeSet<>(emulator.botApiMethods());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedMethods")
    void aValidCallAnswersOkWithTheDocumentedResult(String method) {
        Case call = CASES.get(method);
        assertThat(call).as("a case for " + method).isNotNull();
        EmulatedBot bot = emulator.createBot(method.toLowerCase() + "_contract_bot", "Contract");
        EmulatedUser user = emulator.createUser("Contract", null, "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        BotApiClient.Answer answer = api.json(bot.token(), method, call.params().apply(bot, user));

        assertThat(answer.status()).as(method + " " + answer.body()).isEqualTo(200);
        assertThat(answer.body().path("ok").isBoolean()).isTrue();
        assertThat(answer.body().path("ok").asBoolean()).isTrue();
        assertThat(answer.body().has("error_code")).isFalse();
        assertThat(answer.body().has("result")).as(method).isTrue();
        assertThat(call.result().test(answer.result())).as(method + " answers a " + call.resultShape() + ": "
                + answer.result()).isTrue();
    }

    private static void add(String method, BiFunction<EmulatedBot, EmulatedUser, Map<String, ?>> params,
                            Predicate<JsonNode> result, String resultShape) {
        CASES.put(method, new Case(params, result, resultShape));
    }

    private static long sent(EmulatedBot bot, EmulatedUser user, String text) {
        return api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", text)).result().path("message_id").asLong();
    }

    private static boolean isMessage(JsonNode message) {
        return message.path("message_id").asLong() > 0 && message.path("chat").has("id") && message.path("date").asLong() > 0
                && message.path("from").path("is_bot").asBoolean();
    }

    private static boolean isBotUser(JsonNode user) {
        return user.path("id").asLong() > 0 && user.path("is_bot").asBoolean() && user.has("username");
    }
}
