package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TelegramUpdateTest {

    private static TelegramUpdate parse(String json) throws Exception {
        return ((TelegramUpdate.Valid) read(json)).update();
    }

    private static TelegramUpdate.Parsed read(String json) throws Exception {
        return new TelegramUpdateJson().read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void startWithDeepLinkPayloadSubscribes() throws Exception {
        TelegramUpdate u = parse("""
                {"update_id": 10, "message": {"message_id": 1, "date": 1, "text": "/start promo_spring",
                 "chat": {"id": 42, "type": "private", "first_name": "Ann"},
                 "from": {"id": 42, "is_bot": false, "first_name": "Ann", "username": "ann", "language_code": "de"}}}""");
        assertThat(u.command()).contains("start");
        assertThat(u.startPayload()).contains("promo_spring");
        assertThat(u.newStatus()).contains("active");
        assertThat(u.contact().orElseThrow().language()).isEqualTo("de");
        assertThat(u.chatId()).isEqualTo("42");
    }

    @Test
    void stopAndBlockChangeTheStatus() throws Exception {
        assertThat(parse("""
                {"update_id": 11, "message": {"message_id": 1, "text": "/stop@my_bot",
                 "chat": {"id": 42, "type": "private", "first_name": "Ann"}, "from": {"id": 42, "first_name": "Ann"}}}""")
                .newStatus()).contains("left");
        assertThat(parse("""
                {"update_id": 12, "my_chat_member": {"chat": {"id": 42, "type": "private", "first_name": "Ann"},
                 "from": {"id": 42, "first_name": "Ann"}, "date": 1,
                 "old_chat_member": {"status": "member"}, "new_chat_member": {"status": "kicked"}}}""")
                .newStatus()).contains("blocked");
    }

    @Test
    void groupMessagesAreNotSubscribersAndGarbageIsRejected() throws Exception {
        TelegramUpdate group = parse("""
                {"update_id": 13, "message": {"message_id": 1, "text": "/start",
                 "chat": {"id": -100, "type": "supergroup", "title": "G"}, "from": {"id": 42, "first_name": "Ann"}}}""");
        assertThat(group.contact()).isEmpty();
        assertThat(group.newStatus()).isEmpty();
        assertThat(read("{\"update_id\": \"x\"}")).isEqualTo(new TelegramUpdate.Refused(OptionalLong.empty(),
                "update_id is missing or not an integer"));
        assertThat(read("[1]")).isInstanceOf(TelegramUpdate.Refused.class);
        assertThat(read("{\"update_id\": 1e3, \"message\": {}}")).isInstanceOf(TelegramUpdate.Refused.class);
    }

    @Test
    void stringsAreCleanedAndBoundedBeforeAnythingUsesThem() throws Exception {
        TelegramUpdate u = parse("""
                {"update_id": 14, "message": {"message_id": 1, "text": "/St\\u0000art\\ud800 x",
                 "chat": {"id": 42, "type": "private"},
                 "from": {"id": 42, "first_name": "a\\ud800\\u0007b\\nc", "username": "%s", "language_code": "\\udc00de"}}}"""
                .formatted("u".repeat(100_000)));
        UpdateLedger.Contact c = u.contact().orElseThrow();
        assertThat(c.firstName()).isEqualTo("a\uFFFDb\nc");
        assertThat(c.username()).hasSize(TelegramUpdate.USERNAME_MAX);
        assertThat(c.language()).isEqualTo("\uFFFDde");
        assertThat(u.command()).contains("start\uFFFD");

        TelegramUpdate button = parse("""
                {"update_id": 15, "callback_query": {"id": "\\ud800", "data": 7, "from": {"id": 42, "first_name": {"x": 1}}}}""");
        assertThat(button.callbackQueryId()).contains("\uFFFD");
        assertThat(button.callbackData()).as("a field of the wrong JSON type is absent").isEmpty();
        assertThat(button.contact().orElseThrow().firstName()).isEmpty();
    }

    @Test
    void chatIdsMustBeTelegramIds() throws Exception {
        for (String id : new String[] {"\"abc\"", "\"42\"", "1e30", "4.0", "9223372036854775808", "99999999999999999999999", "0", "null", "[]"}) {
            assertThat(read("""
                    {"update_id": 16, "message": {"message_id": 1, "text": "/start",
                     "chat": {"id": %s, "type": "private", "first_name": "Eve"}}}""".formatted(id)))
                    .as("chat id %s", id)
                    .isEqualTo(new TelegramUpdate.Refused(OptionalLong.of(16), "message.chat.id is missing or not a Telegram id"));
        }
        assertThat(read("""
                {"update_id": 17, "callback_query": {"id": "q", "from": {"id": "42"}}}"""))
                .isInstanceOf(TelegramUpdate.Refused.class);
        assertThat(read("""
                {"update_id": 18, "my_chat_member": {"chat": {"id": 1.5, "type": "private"}}}"""))
                .isInstanceOf(TelegramUpdate.Refused.class);
        assertThat(parse("""
                {"update_id": 19, "message": {"message_id": 1, "text": "hi",
                 "chat": {"id": -9223372036854775808, "type": "supergroup"}}}""").chatId())
                .isEqualTo("-9223372036854775808");
    }

    @Test
    void telegramSourceRanges() {
        assertThat(TelegramNetworks.contains("149.154.167.99")).isTrue();
        assertThat(TelegramNetworks.contains("91.108.6.1")).isTrue();
        assertThat(TelegramNetworks.contains("10.0.0.1")).isFalse();
        assertThat(TelegramNetworks.contains("garbage")).isFalse();
    }
}
