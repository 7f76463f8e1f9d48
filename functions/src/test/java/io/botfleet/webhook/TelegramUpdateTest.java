package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.json.Json;
import org.junit.jupiter.api.Test;

class TelegramUpdateTest {

    private static TelegramUpdate parse(String json) throws Exception {
        return TelegramUpdate.parse(Json.MAPPER.readTree(json)).orElseThrow();
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
        assertThat(TelegramUpdate.parse(Json.MAPPER.readTree("{\"update_id\": \"x\"}"))).isEmpty();
        assertThat(TelegramUpdate.parse(Json.MAPPER.readTree("[1]"))).isEmpty();
    }

    @Test
    void telegramSourceRanges() {
        assertThat(TelegramNetworks.contains("149.154.167.99")).isTrue();
        assertThat(TelegramNetworks.contains("91.108.6.1")).isTrue();
        assertThat(TelegramNetworks.contains("10.0.0.1")).isFalse();
        assertThat(TelegramNetworks.contains("garbage")).isFalse();
    }
}
