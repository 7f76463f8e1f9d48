package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EditMessagesTest extends EmulatorTestBase {

    private static final String NOT_MODIFIED = "Bad Request: message is not modified: specified new message content "
            + "and reply markup are exactly the same as a current content and reply markup of the message";
    private static final Map<String, Object> KEYBOARD =
            Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Go", "callback_data", "go"))));

    @Test
    void editMessageTextChangesWhatTheChatShows() {
        EmulatedBot bot = emulator.createBot("edit_bot", "Edit Bot");
        EmulatedUser user = emulator.createUser("Ada", "ada", "en");
        long messageId = send(bot, user, "first");

        BotApiClient.Answer edited = api.json(bot.token(), "editMessageText", Map.of("chat_id", user.id(),
                "message_id", messageId, "text", "<b>second</b>", "parse_mode", "HTML", "reply_markup", KEYBOARD));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.result().path("message_id").asLong()).isEqualTo(messageId);
        assertThat(edited.result().path("text").asText()).isEqualTo("second");
        assertThat(edited.result().path("edit_date").asLong()).isPositive();
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("second");
            assertThat(message.parseMode()).isEqualTo("HTML");
            assertThat(message.entities()).containsExactly(Map.of("type", "bold", "offset", 0, "length", 6));
            assertThat(message.replyMarkup()).containsKey("inline_keyboard");
            assertThat(message.editDate()).isNotNull();
        });
        JsonNode shown = control.ok("GET", "/control/bots/" + bot.id() + "/chats/" + user.id() + "/messages", null);
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).path("text").asText()).isEqualTo("second");
        assertThat(shown.get(0).path("editDate").asText()).isNotEmpty();
    }

    @Test
    void anEditThatChangesNothingIsRefusedButDroppingTheKeyboardIsAChange() {
        EmulatedBot bot = emulator.createBot("same_bot", "Same Bot");
        EmulatedUser user = emulator.createUser("Ben", "ben", "en");
        long messageId = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "menu",
                "reply_markup", KEYBOARD)).result().path("message_id").asLong();

        BotApiClient.Answer same = api.json(bot.token(), "editMessageText",
                Map.of("chat_id", user.id(), "message_id", messageId, "text", "menu", "reply_markup", KEYBOARD));
        BotApiClient.Answer keyboardDropped = api.json(bot.token(), "editMessageText",
                Map.of("chat_id", user.id(), "message_id", messageId, "text", "menu"));
        BotApiClient.Answer sameAgain = api.json(bot.token(), "editMessageText",
                Map.of("chat_id", user.id(), "message_id", messageId, "text", "menu"));

        assertThat(same.status()).isEqualTo(400);
        assertThat(same.description()).isEqualTo(NOT_MODIFIED);
        assertThat(keyboardDropped.status()).isEqualTo(200);
        assertThat(keyboardDropped.result().has("reply_markup")).isFalse();
        assertThat(sameAgain.description()).isEqualTo(NOT_MODIFIED);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id()).get(0).replyMarkup()).isNull();
    }

    @Test
    void editsOfMissingOrForeignMessagesAreRefusedWithTelegramsTexts() {
        EmulatedBot bot = emulator.createBot("refuse_bot", "Refuse Bot");
        EmulatedUser user = emulator.createUser("Cy", "cy", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        long textId = send(bot, user, "text");
        long photoId = api.json(bot.token(), "sendPhoto", Map.of("chat_id", user.id(), "photo", photoFileId(bot, user)))
                .result().path("message_id").asLong();
        emulator.userSendsText(bot.id(), user.id(), "from the user");
        long userMessageId = photoId + 1;

        assertThat(editText(bot, Map.of("chat_id", user.id(), "message_id", 999, "text", "x")).description())
                .isEqualTo("Bad Request: message to edit not found");
        assertThat(editText(bot, Map.of("chat_id", 42, "message_id", textId, "text", "x")).description())
                .isEqualTo("Bad Request: chat not found");
        assertThat(editText(bot, Map.of("text", "x")).description())
                .isEqualTo("Bad Request: message identifier is not specified");
        assertThat(editText(bot, Map.of("inline_message_id", "AAAA", "text", "x")).description())
                .isEqualTo("Bad Request: MESSAGE_ID_INVALID");
        assertThat(editText(bot, Map.of("chat_id", user.id(), "message_id", textId, "text", "")).description())
                .isEqualTo("Bad Request: message text is empty");
        assertThat(editText(bot, Map.of("chat_id", user.id(), "message_id", userMessageId, "text", "x")).description())
                .isEqualTo("Bad Request: message can't be edited");
        assertThat(editText(bot, Map.of("chat_id", user.id(), "message_id", photoId, "text", "x")).description())
                .isEqualTo("Bad Request: there is no text in the message to edit");
        assertThat(api.json(bot.token(), "editMessageCaption",
                Map.of("chat_id", user.id(), "message_id", textId, "caption", "x")).description())
                .isEqualTo("Bad Request: there is no caption in the message to edit");
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).extracting(ReceivedMessage::editDate)
                .containsOnlyNulls();
    }

    @Test
    void editMessageCaptionChangesOrRemovesTheCaption() {
        EmulatedBot bot = emulator.createBot("caption_edit_bot", "Caption Edit Bot");
        EmulatedUser user = emulator.createUser("Dee", "dee", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        String fileId = photoFileId(bot, user);
        long messageId = api.json(bot.token(), "sendPhoto", Map.of("chat_id", user.id(), "photo", fileId,
                "caption", "old")).result().path("message_id").asLong();

        BotApiClient.Answer changed = api.json(bot.token(), "editMessageCaption", Map.of("chat_id", user.id(),
                "message_id", messageId, "caption", "*new*", "parse_mode", "MarkdownV2"));
        BotApiClient.Answer same = api.json(bot.token(), "editMessageCaption", Map.of("chat_id", user.id(),
                "message_id", messageId, "caption", "*new*", "parse_mode", "MarkdownV2"));
        BotApiClient.Answer tooLong = api.json(bot.token(), "editMessageCaption", Map.of("chat_id", user.id(),
                "message_id", messageId, "caption", "c".repeat(1025)));
        String afterChange = emulator.messagesReceivedBy(bot.id(), user.id()).getLast().text();
        BotApiClient.Answer removed = api.json(bot.token(), "editMessageCaption",
                Map.of("chat_id", user.id(), "message_id", messageId));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.result().path("caption").asText()).isEqualTo("new");
        assertThat(changed.result().path("caption_entities").get(0).path("type").asText()).isEqualTo("bold");
        assertThat(same.description()).isEqualTo(NOT_MODIFIED);
        assertThat(tooLong.description()).isEqualTo("Bad Request: message caption is too long");
        assertThat(afterChange).isEqualTo("new");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.result().has("caption")).isFalse();
        assertThat(removed.result().path("photo").get(0).path("file_id").asText()).isEqualTo(fileId);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id()).getLast().text()).isNull();
    }

    @Test
    void editMessageReplyMarkupReplacesOrRemovesTheKeyboard() {
        EmulatedBot bot = emulator.createBot("markup_edit_bot", "Markup Edit Bot");
        EmulatedUser user = emulator.createUser("Eve", "eve", "en");
        long messageId = send(bot, user, "pick one");
        Map<String, Object> other = Map.of("inline_keyboard", List.of(List.of(Map.of("text", "B", "callback_data", "b"))));

        BotApiClient.Answer added = api.json(bot.token(), "editMessageReplyMarkup",
                Map.of("chat_id", user.id(), "message_id", messageId, "reply_markup", KEYBOARD));
        BotApiClient.Answer same = api.json(bot.token(), "editMessageReplyMarkup",
                Map.of("chat_id", user.id(), "message_id", messageId, "reply_markup", KEYBOARD));
        BotApiClient.Answer replaced = api.json(bot.token(), "editMessageReplyMarkup",
                Map.of("chat_id", user.id(), "message_id", messageId, "reply_markup", other));
        BotApiClient.Answer badButton = api.json(bot.token(), "editMessageReplyMarkup", Map.of("chat_id", user.id(),
                "message_id", messageId, "reply_markup",
                Map.of("inline_keyboard", List.of(List.of(Map.of("text", "x", "callback_data", "d".repeat(65)))))));
        BotApiClient.Answer removed = api.json(bot.token(), "editMessageReplyMarkup",
                Map.of("chat_id", user.id(), "message_id", messageId));

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.result().path("text").asText()).isEqualTo("pick one");
        assertThat(same.description()).isEqualTo(NOT_MODIFIED);
        assertThat(replaced.result().path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data")
                .asText()).isEqualTo("b");
        assertThat(badButton.description()).isEqualTo("Bad Request: BUTTON_DATA_INVALID");
        assertThat(removed.result().has("reply_markup")).isFalse();
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id()).get(0).replyMarkup()).isNull();
    }

    @Test
    void deleteMessageRemovesItFromTheChat() {
        EmulatedBot bot = emulator.createBot("delete_bot", "Delete Bot");
        EmulatedUser user = emulator.createUser("Fox", "fox", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        long kept = send(bot, user, "keep");
        long doomed = send(bot, user, "delete me");

        BotApiClient.Answer deleted = api.json(bot.token(), "deleteMessage", Map.of("chat_id", user.id(), "message_id", doomed));
        BotApiClient.Answer again = api.json(bot.token(), "deleteMessage", Map.of("chat_id", user.id(), "message_id", doomed));
        BotApiClient.Answer editGone = editText(bot, Map.of("chat_id", user.id(), "message_id", doomed, "text", "x"));
        BotApiClient.Answer noChat = api.json(bot.token(), "deleteMessage", Map.of("message_id", kept));
        BotApiClient.Answer noMessage = api.json(bot.token(), "deleteMessage", Map.of("chat_id", user.id()));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.result().asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.description()).isEqualTo("Bad Request: message to delete not found");
        assertThat(editGone.description()).isEqualTo("Bad Request: message to edit not found");
        assertThat(noChat.description()).isEqualTo("Bad Request: chat identifier is not specified");
        assertThat(noMessage.description()).isEqualTo("Bad Request: message identifier is not specified");
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).extracting(ReceivedMessage::messageId).containsExactly(kept);
        JsonNode shown = control.ok("GET", "/control/bots/" + bot.id() + "/chats/" + user.id() + "/messages", null);
        assertThat(shown).extracting(message -> message.path("messageId").asLong()).containsExactly(kept);
    }

    @Test
    void anUpdateQueuedBeforeAnEditKeepsTheMessageAsItWas() {
        EmulatedBot bot = emulator.createBot("snapshot_bot", "Snapshot Bot");
        EmulatedUser user = emulator.createUser("Gil", "gil", "en");
        long messageId = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "before",
                "reply_markup", KEYBOARD)).result().path("message_id").asLong();
        emulator.userPressesButton(bot.id(), user.id(), messageId, "go");

        editText(bot, Map.of("chat_id", user.id(), "message_id", messageId, "text", "after"));
        JsonNode update = api.get(bot.token(), "getUpdates").result().get(0);

        assertThat(update.path("callback_query").path("message").path("text").asText()).isEqualTo("before");
    }

    private static long send(EmulatedBot bot, EmulatedUser user, String text) {
        BotApiClient.Answer answer = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", text));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.result().path("message_id").asLong();
    }

    private static BotApiClient.Answer editText(EmulatedBot bot, Map<String, ?> params) {
        return api.json(bot.token(), "editMessageText", params);
    }

    /** A photo the bot uploaded earlier, so later sends can use its file_id (no URL fetching involved). */
    private static String photoFileId(EmulatedBot bot, EmulatedUser user) {
        byte[] png = FakeMedia.png();
        BotApiClient.Answer upload = api.multipart(bot.token(), "sendPhoto",
                Map.of("chat_id", String.valueOf(user.id())), "photo", "p.png", png);
        assertThat(upload.status()).as(upload.body().toString()).isEqualTo(200);
        String fileId = upload.result().path("photo").get(0).path("file_id").asText();
        api.json(bot.token(), "deleteMessage", Map.of("chat_id", user.id(),
                "message_id", upload.result().path("message_id").asLong()));
        return fileId;
    }
}
