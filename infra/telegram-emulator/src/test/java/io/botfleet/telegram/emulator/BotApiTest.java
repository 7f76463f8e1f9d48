package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BotApiTest extends EmulatorTestBase {

    @Test
    void getMeAnswersTheBotForAGoodTokenAnd401ForABadOne() {
        EmulatedBot bot = emulator.createBot("demo_bot", "Demo Bot");

        BotApiClient.Answer me = api.get(bot.token(), "getMe");
        BotApiClient.Answer bad = api.get(bot.id() + ":AAwrongwrongwrongwrongwrongwrongwrong", "getMe");

        assertThat(bot.token()).matches(bot.id() + ":[A-Za-z0-9_-]{35}");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.result().path("id").asLong()).isEqualTo(bot.id());
        assertThat(me.result().path("is_bot").asBoolean()).isTrue();
        assertThat(me.result().path("username").asText()).isEqualTo("demo_bot");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body().path("ok").asBoolean(true)).isFalse();
        assertThat(bad.description()).isEqualTo("Unauthorized");
    }

    @Test
    void methodNamesAreCaseInsensitiveAndUnknownMethodsAre404() {
        EmulatedBot bot = emulator.createBot("case_bot", "Case Bot");

        assertThat(api.get(bot.token(), "GETME").status()).isEqualTo(200);
        BotApiClient.Answer unknown = api.get(bot.token(), "sendTelepathy");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.description()).isEqualTo("Not Found");
    }

    @Test
    void tokensNeverAppearInToString() {
        EmulatedBot bot = emulator.createBot("masked_bot", "Masked");

        assertThat(bot.toString()).doesNotContain(bot.token()).contains(TokenMask.mask(bot.token()));
        assertThat(TokenMask.mask("123456:AAabcdefghijklmnopqrstuvwxyz012345xY")).isEqualTo("123456:AA…xY");
    }

    @Test
    void sendMessageDeliversTextWithEntitiesToTheUser() {
        EmulatedBot bot = emulator.createBot("send_bot", "Send Bot");
        EmulatedUser alice = emulator.createUser("Alice", "alice", "en");

        BotApiClient.Answer answer = api.json(bot.token(), "sendMessage", Map.of(
                "chat_id", alice.id(), "text", "<b>Hi</b> &lt;there&gt;", "parse_mode", "HTML",
                "reply_markup", Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Go", "callback_data", "go"))))));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().path("text").asText()).isEqualTo("Hi <there>");
        assertThat(answer.result().path("chat").path("id").asLong()).isEqualTo(alice.id());
        assertThat(answer.result().path("from").path("id").asLong()).isEqualTo(bot.id());
        List<ReceivedMessage> received = emulator.messagesReceivedBy(bot.id(), alice.id());
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(answer.result().path("message_id").asLong());
            assertThat(message.method()).isEqualTo("sendMessage");
            assertThat(message.text()).isEqualTo("Hi <there>");
            assertThat(message.parseMode()).isEqualTo("HTML");
            assertThat(message.entities()).containsExactly(Map.of("type", "bold", "offset", 0, "length", 2));
            assertThat(message.replyMarkup()).containsKey("inline_keyboard");
        });
        assertThat(emulator.totalMessagesSent(bot.id())).isEqualTo(1);
        assertThat(emulator.calls(bot.id())).extracting(ApiCall::method, ApiCall::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sendMessage", 200));
    }

    @Test
    void formEncodedParametersWithJsonSerializedFieldsAreUnderstood() {
        EmulatedBot bot = emulator.createBot("form_bot", "Form Bot");
        EmulatedUser bob = emulator.createUser("Bob", null, null);

        BotApiClient.Answer answer = api.form(bot.token(), "sendMessage", Map.of(
                "chat_id", String.valueOf(bob.id()), "text", "bold part",
                "entities", "[{\"type\":\"bold\",\"offset\":0,\"length\":4}]",
                "reply_markup", "{\"inline_keyboard\":[[{\"text\":\"Site\",\"url\":\"https://example.com\"}]]}"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().path("entities").get(0).path("type").asText()).isEqualTo("bold");
        assertThat(answer.result().path("reply_markup").path("inline_keyboard").get(0).get(0).path("url").asText())
                .isEqualTo("https://example.com");
    }

    @Test
    void messageIdsIncreasePerChat() {
        EmulatedBot bot = emulator.createBot("ids_bot", "Ids Bot");
        EmulatedUser carol = emulator.createUser("Carol", "carol", "de");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        long first = api.json(bot.token(), "sendMessage", Map.of("chat_id", carol.id(), "text", "one")).result().path("message_id").asLong();
        long second = api.json(bot.token(), "sendMessage", Map.of("chat_id", carol.id(), "text", "two")).result().path("message_id").asLong();

        assertThat(second).isEqualTo(first + 1);
    }

    @Test
    void unknownChatIs400ChatNotFoundAndEmptyTextIsRejected() {
        EmulatedBot bot = emulator.createBot("chat_bot", "Chat Bot");
        EmulatedUser dave = emulator.createUser("Dave", "dave", "en");

        BotApiClient.Answer unknown = api.json(bot.token(), "sendMessage", Map.of("chat_id", 42, "text", "hi"));
        BotApiClient.Answer empty = api.json(bot.token(), "sendMessage", Map.of("chat_id", dave.id(), "text", ""));
        BotApiClient.Answer onlyTags = api.json(bot.token(), "sendMessage",
                Map.of("chat_id", dave.id(), "text", "<b> </b>", "parse_mode", "HTML"));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.description()).isEqualTo("Bad Request: chat not found");
        assertThat(empty.description()).isEqualTo("Bad Request: message text is empty");
        assertThat(onlyTags.description()).isEqualTo("Bad Request: message text is empty");
        assertThat(emulator.totalMessagesSent(bot.id())).isZero();
    }

    @Test
    void textLimitIsCountedAfterEntityParsing() {
        EmulatedBot bot = emulator.createBot("long_bot", "Long Bot");
        EmulatedUser erin = emulator.createUser("Erin", "erin", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        String full = "x".repeat(4095) + "&lt;";

        BotApiClient.Answer fits = api.json(bot.token(), "sendMessage",
                Map.of("chat_id", erin.id(), "text", "<b>" + full + "</b>", "parse_mode", "HTML"));
        BotApiClient.Answer tooLong = api.json(bot.token(), "sendMessage",
                Map.of("chat_id", erin.id(), "text", "<i>" + full + "y</i>", "parse_mode", "HTML"));
        BotApiClient.Answer escapedFits = api.json(bot.token(), "sendMessage",
                Map.of("chat_id", erin.id(), "text", "*" + "\\.".repeat(4096) + "*", "parse_mode", "MarkdownV2"));

        assertThat(fits.status()).isEqualTo(200);
        assertThat(fits.result().path("text").asText()).hasSize(4096);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.description()).isEqualTo("Bad Request: message is too long");
        assertThat(escapedFits.status()).isEqualTo(200);
    }

    @Test
    void captionLimitIs1024AfterParsing() {
        EmulatedBot bot = emulator.createBot("caption_bot", "Caption Bot");
        EmulatedUser fay = emulator.createUser("Fay", "fay", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        String photo = api.multipart(bot.token(), "sendPhoto", Map.of("chat_id", String.valueOf(fay.id())), "photo",
                "a.png", FakeMedia.png()).result().path("photo").get(0).path("file_id").asText();
        BotApiClient.Answer fits = api.json(bot.token(), "sendPhoto", Map.of("chat_id", fay.id(),
                "photo", photo, "caption", "<b>" + "c".repeat(1024) + "</b>", "parse_mode", "HTML"));
        BotApiClient.Answer tooLong = api.json(bot.token(), "sendPhoto", Map.of("chat_id", fay.id(),
                "photo", photo, "caption", "c".repeat(1025)));

        assertThat(fits.status()).isEqualTo(200);
        assertThat(fits.result().path("caption_entities").get(0).path("length").asInt()).isEqualTo(1024);
        assertThat(tooLong.description()).isEqualTo("Bad Request: message caption is too long");
    }

    @Test
    void malformedMarkupIsRejectedWithCantParseEntities() {
        EmulatedBot bot = emulator.createBot("markup_bot", "Markup Bot");
        EmulatedUser gus = emulator.createUser("Gus", "gus", "en");

        BotApiClient.Answer markdown = api.json(bot.token(), "sendMessage",
                Map.of("chat_id", gus.id(), "text", "Price: 5.00!", "parse_mode", "MarkdownV2"));
        BotApiClient.Answer html = api.json(bot.token(), "sendMessage",
                Map.of("chat_id", gus.id(), "text", "<b>unclosed", "parse_mode", "HTML"));
        BotApiClient.Answer unknownTag = api.json(bot.token(), "sendMessage",
                Map.of("chat_id", gus.id(), "text", "<blink>x</blink>", "parse_mode", "HTML"));

        assertThat(markdown.status()).isEqualTo(400);
        assertThat(markdown.description()).startsWith("Bad Request: can't parse entities: Character '.' is reserved");
        assertThat(html.description()).startsWith("Bad Request: can't parse entities: Can't find end tag");
        assertThat(unknownTag.description()).startsWith("Bad Request: can't parse entities: Unsupported start tag \"blink\"");
    }

    @Test
    void invalidInlineButtonsAreRejected() {
        EmulatedBot bot = emulator.createBot("button_bot", "Button Bot");
        EmulatedUser hal = emulator.createUser("Hal", "hal", "en");

        BotApiClient.Answer longData = api.json(bot.token(), "sendMessage", Map.of("chat_id", hal.id(), "text", "pick",
                "reply_markup", Map.of("inline_keyboard", List.of(List.of(Map.of("text", "x", "callback_data", "d".repeat(65)))))));
        BotApiClient.Answer badUrl = api.json(bot.token(), "sendMessage", Map.of("chat_id", hal.id(), "text", "pick",
                "reply_markup", Map.of("inline_keyboard", List.of(List.of(Map.of("text", "x", "url", "ftp://example.com")))))) ;

        assertThat(longData.description()).isEqualTo("Bad Request: BUTTON_DATA_INVALID");
        assertThat(badUrl.description()).isEqualTo("Bad Request: BUTTON_URL_INVALID");
    }

    @Test
    void blockedUserAnswers403UntilUnblocked() {
        EmulatedBot bot = emulator.createBot("block_bot", "Block Bot");
        EmulatedUser ivy = emulator.createUser("Ivy", "ivy", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        emulator.userBlocksBot(bot.id(), ivy.id());
        BotApiClient.Answer blocked = api.json(bot.token(), "sendMessage", Map.of("chat_id", ivy.id(), "text", "hi"));
        emulator.userUnblocksBot(bot.id(), ivy.id());
        BotApiClient.Answer unblocked = api.json(bot.token(), "sendMessage", Map.of("chat_id", ivy.id(), "text", "hi"));

        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.description()).isEqualTo("Forbidden: bot was blocked by the user");
        assertThat(unblocked.status()).isEqualTo(200);
        assertThat(emulator.messagesReceivedBy(bot.id(), ivy.id())).hasSize(1);
    }

    @Test
    void callbackQueriesCanBeAnsweredOnce() {
        EmulatedBot bot = emulator.createBot("callback_bot", "Callback Bot");
        EmulatedUser jo = emulator.createUser("Jo", "jo", "en");
        long messageId = api.json(bot.token(), "sendMessage", Map.of("chat_id", jo.id(), "text", "pick",
                "reply_markup", Map.of("inline_keyboard", List.of(List.of(Map.of("text", "A", "callback_data", "a"))))))
                .result().path("message_id").asLong();

        emulator.userPressesButton(bot.id(), jo.id(), messageId, "a");
        BotApiClient.Answer updates = api.get(bot.token(), "getUpdates");
        String queryId = updates.result().get(0).path("callback_query").path("id").asText();

        assertThat(updates.result().get(0).path("callback_query").path("data").asText()).isEqualTo("a");
        assertThat(updates.result().get(0).path("callback_query").path("message").path("message_id").asLong()).isEqualTo(messageId);
        assertThat(api.json(bot.token(), "answerCallbackQuery", Map.of("callback_query_id", queryId)).status()).isEqualTo(200);
        BotApiClient.Answer again = api.json(bot.token(), "answerCallbackQuery", Map.of("callback_query_id", queryId));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.description()).startsWith("Bad Request: query is too old");
    }

    @Test
    void copyMessageCopiesTextToAnotherChat() {
        EmulatedBot bot = emulator.createBot("copy_bot", "Copy Bot");
        EmulatedUser kim = emulator.createUser("Kim", "kim", "en");
        EmulatedUser lee = emulator.createUser("Lee", "lee", "en");
        long original = api.json(bot.token(), "sendMessage", Map.of("chat_id", kim.id(), "text", "*hey*", "parse_mode", "MarkdownV2"))
                .result().path("message_id").asLong();

        BotApiClient.Answer copy = api.json(bot.token(), "copyMessage",
                Map.of("chat_id", lee.id(), "from_chat_id", kim.id(), "message_id", original));

        assertThat(copy.status()).isEqualTo(200);
        assertThat(copy.result().path("message_id").asLong()).isPositive();
        assertThat(emulator.messagesReceivedBy(bot.id(), lee.id())).singleElement().satisfies(message -> {
            assertThat(message.method()).isEqualTo("copyMessage");
            assertThat(message.text()).isEqualTo("hey");
            assertThat(message.entities()).hasSize(1);
        });
    }
}
