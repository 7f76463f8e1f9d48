package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentJsonTest {
    /** Strict like the platform's mapper: unknown fields are errors. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @ParameterizedTest
    @CsvSource({"none, NONE", "NONE, NONE", "html, HTML", "HTML, HTML", "markdownv2, MARKDOWN_V2", "MarkdownV2, MARKDOWN_V2",
        "MARKDOWN_V2, MARKDOWN_V2"})
    void parseModeIsCaseInsensitive(String json, ParseMode expected) throws Exception {
        assertThat(JSON.readValue("\"" + json + "\"", ParseMode.class)).isEqualTo(expected);
    }

    @Test
    void parseModeWritesLowercaseAndKnowsTelegramNames() throws Exception {
        assertThat(JSON.writeValueAsString(List.of(ParseMode.values()))).isEqualTo("[\"none\",\"html\",\"markdownv2\"]");
        assertThat(ParseMode.NONE.telegramName()).isNull();
        assertThat(ParseMode.HTML.telegramName()).isEqualTo("HTML");
        assertThat(ParseMode.MARKDOWN_V2.telegramName()).isEqualTo("MarkdownV2");
        assertThatThrownBy(() -> JSON.readValue("\"markdown\"", ParseMode.class)).hasMessageContaining("unknown parse mode");
    }

    @Test
    void readsFullContent() throws Exception {
        String body = """
                {"text":"hi","parseMode":"HTML","disableNotification":true,
                 "entities":[{"type":"custom_emoji","offset":0,"length":2,"customEmojiId":"5"},
                             {"type":"custom_emoji","offset":0,"length":2,"custom_emoji_id":"6"}],
                 "media":{"kind":"Photo","url":"https://e.com/p.jpg","sizeBytes":1024},
                 "keyboard":[[{"text":"a","callbackData":"b"},{"text":"c","url":"https://e.com"}]]}
                """;

        MessageContent content = JSON.readValue(body, MessageContent.class);

        assertThat(content).isEqualTo(new MessageContent("hi", ParseMode.HTML,
                List.of(new MessageEntity("custom_emoji", 0, 2, null, null, "5"), new MessageEntity("custom_emoji", 0, 2, null, null, "6")),
                new Media(MediaKind.PHOTO, "https://e.com/p.jpg", null, 1024L),
                List.of(List.of(InlineButton.callback("a", "b"), InlineButton.link("c", "https://e.com"))),
                true, false));
    }

    @Test
    void missingOptionalPartsBecomeEmpty() throws Exception {
        MessageContent content = JSON.readValue("{\"text\":\"hi\"}", MessageContent.class);

        assertThat(content.parseMode()).isEqualTo(ParseMode.NONE);
        assertThat(content.entities()).isEmpty();
        assertThat(content.keyboard()).isEmpty();
        assertThat(content.media()).isNull();
    }

    @Test
    void writesContentRoundTrip() throws Exception {
        MessageContent content = new MessageContent("x", ParseMode.MARKDOWN_V2, List.of(),
                new Media(MediaKind.ANIMATION, null, "fid", null), List.of(List.of(InlineButton.callback("a", "b"))), false, true);

        String json = JSON.writeValueAsString(content);

        assertThat(json).contains("\"parseMode\":\"markdownv2\"", "\"kind\":\"animation\"", "\"callbackData\":\"b\"");
        assertThat(JSON.readValue(json, MessageContent.class)).isEqualTo(content);
    }
}
