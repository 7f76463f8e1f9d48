package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelegramSendRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHAT = 123456789L;

    private static String json(TelegramSendRequest request) throws Exception {
        return JSON.writeValueAsString(request.parameters());
    }

    @Test
    void htmlTextMessage() throws Exception {
        TelegramSendRequest request = TelegramSendRequests.forChat(MessageContent.text("<b>Hi</b>", ParseMode.HTML), CHAT, false, null);

        assertThat(request.method()).isEqualTo("sendMessage");
        assertThat(json(request)).isEqualTo(
                "{\"chat_id\":123456789,\"text\":\"<b>Hi</b>\",\"parse_mode\":\"HTML\","
                        + "\"disable_notification\":false,\"protect_content\":false}");
    }

    @Test
    void markdownTextMessageWithFlags() {
        MessageContent content = new MessageContent("*Hi*", ParseMode.MARKDOWN_V2, List.of(), null, List.of(), true, true);

        TelegramSendRequest request = TelegramSendRequests.forChat(content, CHAT, false, null);

        assertThat(request.parameters()).containsExactly(
                entry("chat_id", CHAT), entry("text", "*Hi*"), entry("parse_mode", "MarkdownV2"),
                entry("disable_notification", true), entry("protect_content", true));
    }

    @Test
    void plainTextWithEntitiesAndKeyboard() throws Exception {
        MessageContent content = new MessageContent("Hi there", ParseMode.NONE,
                List.of(MessageEntity.of("bold", 0, 2), new MessageEntity("text_link", 3, 5, "https://e.com", null, null)),
                null,
                List.of(List.of(InlineButton.link("Open", "https://e.com/x"), InlineButton.callback("Yes", "vote:y"))),
                false, false);

        TelegramSendRequest request = TelegramSendRequests.forChat(content, CHAT, false, null);

        assertThat(json(request)).isEqualTo("{\"chat_id\":123456789,\"text\":\"Hi there\","
                + "\"entities\":[{\"type\":\"bold\",\"offset\":0,\"length\":2},"
                + "{\"type\":\"text_link\",\"offset\":3,\"length\":5,\"url\":\"https://e.com\"}],"
                + "\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"Open\",\"url\":\"https://e.com/x\"},"
                + "{\"text\":\"Yes\",\"callback_data\":\"vote:y\"}]]},"
                + "\"disable_notification\":false,\"protect_content\":false}");
    }

    @ParameterizedTest(name = "{0} -> {1}({2})")
    @CsvSource({"PHOTO, sendPhoto, photo", "VIDEO, sendVideo, video", "DOCUMENT, sendDocument, document", "ANIMATION, sendAnimation, animation"})
    void eachMediaKindUsesItsMethodAndCaption(MediaKind kind, String method, String parameter) {
        MessageContent content = new MessageContent("Look", ParseMode.NONE, List.of(MessageEntity.of("italic", 0, 4)),
                new Media(kind, "https://cdn.e.com/f", null, null), List.of(), false, false);

        TelegramSendRequest request = TelegramSendRequests.forChat(content, CHAT, false, null);

        assertThat(request.method()).isEqualTo(method);
        assertThat(request.parameters()).containsExactly(
                entry("chat_id", CHAT), entry(parameter, "https://cdn.e.com/f"), entry("caption", "Look"),
                entry("caption_entities", List.of(MessageEntity.of("italic", 0, 4))),
                entry("disable_notification", false), entry("protect_content", false));
    }

    @Test
    void mediaSourcePrefersCachedFileIdThenFileIdThenUrl() {
        Media byUrl = new Media(MediaKind.PHOTO, "https://cdn.e.com/p.jpg", null, null);
        Media byFileId = new Media(MediaKind.PHOTO, null, "own-file-id", null);

        assertThat(TelegramSendRequests.forChat(content(byUrl), CHAT, false, "cached-id").parameters()).containsEntry("photo", "cached-id");
        assertThat(TelegramSendRequests.forChat(content(byFileId), CHAT, false, "cached-id").parameters()).containsEntry("photo", "cached-id");
        assertThat(TelegramSendRequests.forChat(content(byFileId), CHAT, false, null).parameters()).containsEntry("photo", "own-file-id");
        assertThat(TelegramSendRequests.forChat(content(byUrl), CHAT, false, null).parameters()).containsEntry("photo", "https://cdn.e.com/p.jpg");
    }

    @Test
    void mediaWithoutCaptionSendsNoCaptionOrParseMode() {
        MessageContent content = new MessageContent(null, ParseMode.HTML, List.of(),
                new Media(MediaKind.VIDEO, null, "vid", null), List.of(), false, false);

        assertThat(TelegramSendRequests.forChat(content, CHAT, false, null).parameters())
                .containsOnlyKeys("chat_id", "video", "disable_notification", "protect_content");
    }

    @Test
    void htmlCaptionCarriesParseMode() {
        MessageContent content = new MessageContent("<i>x</i>", ParseMode.HTML, List.of(),
                new Media(MediaKind.DOCUMENT, null, "doc", null), List.of(), false, false);

        assertThat(TelegramSendRequests.forChat(content, CHAT, false, null).parameters())
                .containsEntry("caption", "<i>x</i>").containsEntry("parse_mode", "HTML").doesNotContainKey("caption_entities");
    }

    @Test
    void paidBroadcastFlagOnlyWhenAllowed() throws Exception {
        MessageContent content = MessageContent.text("hi", ParseMode.NONE);

        assertThat(TelegramSendRequests.forChat(content, CHAT, true, null).parameters()).containsEntry("allow_paid_broadcast", true);
        assertThat(TelegramSendRequests.forChat(content, CHAT, false, null).parameters()).doesNotContainKey("allow_paid_broadcast");
        assertThat(json(TelegramSendRequests.forChat(content, CHAT, true, null))).endsWith(",\"allow_paid_broadcast\":true}");
    }

    @Test
    void customEmojiEntitySerializesSnakeCase() throws Exception {
        MessageContent content = new MessageContent("👍", ParseMode.NONE,
                List.of(new MessageEntity("custom_emoji", 0, 2, null, null, "5368324170671202286")), null, List.of(), false, false);

        assertThat(json(TelegramSendRequests.forChat(content, CHAT, false, null)))
                .contains("\"entities\":[{\"type\":\"custom_emoji\",\"offset\":0,\"length\":2,\"custom_emoji_id\":\"5368324170671202286\"}]");
    }

    private static MessageContent content(Media media) {
        return new MessageContent("", ParseMode.NONE, List.of(), media, List.of(), false, false);
    }
}
