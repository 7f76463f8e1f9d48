package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentValidatorTextTest {
    private static final String EMOJI = "😀"; // one code point, two UTF-16 code units

    private static List<Violation> validate(String text, ParseMode mode) {
        return ContentValidator.validate(MessageContent.text(text, mode), "content");
    }

    private static List<Violation> validateWithEntities(String text, MessageEntity... entities) {
        return ContentValidator.validate(new MessageContent(text, ParseMode.NONE, Arrays.asList(entities), null, List.of(), false, false), "content");
    }

    private static List<Violation> validateCaption(String caption, ParseMode mode) {
        Media photo = new Media(MediaKind.PHOTO, "https://cdn.example.com/p.jpg", null, null);
        return ContentValidator.validate(new MessageContent(caption, mode, List.of(), photo, List.of(), false, false), "content");
    }

    private static String a(int n) {
        return "a".repeat(n);
    }

    @Test
    void plainTextBoundary() {
        assertThat(validate(a(4096), ParseMode.NONE)).isEmpty();
        assertThat(validate(a(4097), ParseMode.NONE))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.text", "TEXT_TOO_LONG"));
    }

    @Test
    void htmlTagsAndEntitiesDoNotCount() {
        assertThat(validate(a(4096) + "<b></b>", ParseMode.HTML)).isEmpty();
        assertThat(validate("<b>" + a(2048) + "</b><i>" + a(2048) + "</i>", ParseMode.HTML)).isEmpty();
        assertThat(validate("&amp;".repeat(4096), ParseMode.HTML)).isEmpty();
        assertThat(validate("<b>" + a(4097) + "</b>", ParseMode.HTML))
                .extracting(Violation::code).containsExactly("TEXT_TOO_LONG");
        assertThat(validate("&lt;".repeat(4097), ParseMode.HTML))
                .extracting(Violation::code).containsExactly("TEXT_TOO_LONG");
    }

    @Test
    void markdownMarkersAndEscapesDoNotCount() {
        assertThat(validate("*" + a(4096) + "*", ParseMode.MARKDOWN_V2)).isEmpty();
        assertThat(validate("\\.".repeat(4096), ParseMode.MARKDOWN_V2)).isEmpty();
        assertThat(validate("\\.".repeat(4097), ParseMode.MARKDOWN_V2))
                .extracting(Violation::code).containsExactly("TEXT_TOO_LONG");
    }

    @Test
    void emojiCountAsTwoUtf16Units() {
        assertThat(validate(EMOJI.repeat(2048), ParseMode.NONE)).isEmpty();
        assertThat(validate(EMOJI.repeat(2048) + "a", ParseMode.NONE))
                .extracting(Violation::code).containsExactly("TEXT_TOO_LONG");
        // 2,049 code points is far below 4,096 characters to a human, but 4,098 units to Telegram.
        assertThat(validate("<b>" + EMOJI.repeat(2049) + "</b>", ParseMode.HTML))
                .extracting(Violation::message)
                .containsExactly("text is at most 4096 characters after formatting is removed, this one has 4098");
    }

    @Test
    void textIsRequired() {
        assertThat(validate(null, ParseMode.NONE))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("content.text", "TEXT_REQUIRED"));
        assertThat(validate("", ParseMode.HTML)).extracting(Violation::code).containsExactly("TEXT_REQUIRED");
        assertThat(validate("<b> </b>\n", ParseMode.HTML)).extracting(Violation::code).containsExactly("TEXT_REQUIRED");
        assertThat(validate("**", ParseMode.MARKDOWN_V2)).extracting(Violation::code).containsExactly("TEXT_REQUIRED");
    }

    @Test
    void captionBoundaryAndOptional() {
        assertThat(validateCaption(a(1024), ParseMode.NONE)).isEmpty();
        assertThat(validateCaption("<i>" + a(1024) + "</i>", ParseMode.HTML)).isEmpty();
        assertThat(validateCaption(a(1025), ParseMode.NONE))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("content.text", "CAPTION_TOO_LONG"));
        assertThat(validateCaption(EMOJI.repeat(513), ParseMode.NONE))
                .extracting(Violation::code).containsExactly("CAPTION_TOO_LONG");
        assertThat(validateCaption(null, ParseMode.NONE)).isEmpty();
        assertThat(validateCaption("", ParseMode.MARKDOWN_V2)).isEmpty();
    }

    @Test
    void formattingErrorsCarryParserMessageAndOffset() {
        assertThat(validate("Hello.", ParseMode.MARKDOWN_V2))
                .containsExactly(new Violation("content.text", "FORMATTING_INVALID",
                        "Can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\' at offset 5"));
        assertThat(validate("<b>x</i>", ParseMode.HTML))
                .containsExactly(new Violation("content.text", "FORMATTING_INVALID",
                        "Can't parse entities: Unmatched end tag, expected \"</b>\", found \"</i>\" at offset 4"));
        assertThat(validateCaption("<blink>x</blink>", ParseMode.HTML))
                .extracting(Violation::code).containsExactly("FORMATTING_INVALID");
    }

    @Test
    void validExplicitEntities() {
        assertThat(validateWithEntities(EMOJI + " hi there",
                MessageEntity.of("bold", 3, 2),
                MessageEntity.of("italic", 0, 2),
                new MessageEntity("text_link", 6, 5, "https://example.com", null, null),
                new MessageEntity("pre", 0, 11, null, "java", null),
                new MessageEntity("custom_emoji", 0, 2, null, null, "5368324170671202286"))).isEmpty();
    }

    @Test
    void entitiesOutOfRange() {
        String text = "hello"; // 5 units
        assertThat(validateWithEntities(text,
                MessageEntity.of("bold", -1, 2),
                MessageEntity.of("bold", 0, 0),
                MessageEntity.of("bold", 3, 3),
                MessageEntity.of("bold", 3, 2)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(
                        tuple("content.entities[0].offset", "ENTITY_OUT_OF_RANGE"),
                        tuple("content.entities[1].length", "ENTITY_OUT_OF_RANGE"),
                        tuple("content.entities[2].length", "ENTITY_OUT_OF_RANGE"));
    }

    @Test
    void entityRangeIsCountedInUtf16Units() {
        // Counting code points, "😀ab" has 3 characters; Telegram counts 4 units, so the bold "ab" starts at 2.
        assertThat(validateWithEntities(EMOJI + "ab", MessageEntity.of("bold", 2, 2))).isEmpty();
        assertThat(validateWithEntities(EMOJI + "ab", MessageEntity.of("bold", 1, 2)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.entities[0].offset", "ENTITY_OUT_OF_RANGE"));
        assertThat(validateWithEntities("a" + EMOJI, MessageEntity.of("bold", 0, 2)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.entities[0].length", "ENTITY_OUT_OF_RANGE"));
        assertThat(validateWithEntities("a" + EMOJI, MessageEntity.of("bold", 1, 3)))
                .extracting(Violation::message)
                .containsExactly("offset + length = 4 exceeds the text length of 3 UTF-16 code units");
    }

    @Test
    void invalidEntities() {
        assertThat(validateWithEntities("hello",
                MessageEntity.of("blink", 0, 1),
                MessageEntity.of("text_link", 0, 1),
                MessageEntity.of("custom_emoji", 0, 1),
                MessageEntity.of("text_mention", 0, 1),
                null))
                .extracting(Violation::field, Violation::code)
                .containsExactly(
                        tuple("content.entities[0].type", "ENTITY_INVALID"),
                        tuple("content.entities[1].url", "ENTITY_INVALID"),
                        tuple("content.entities[2].custom_emoji_id", "ENTITY_INVALID"),
                        tuple("content.entities[3].type", "ENTITY_INVALID"),
                        tuple("content.entities[4]", "ENTITY_INVALID"));
    }

    @Test
    void entitiesWithParseModeAreRefused() {
        MessageContent content = new MessageContent("<b>x</b>", ParseMode.HTML, List.of(MessageEntity.of("bold", 0, 1)),
                null, List.of(), false, false);

        assertThat(ContentValidator.validate(content, "content"))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.entities", "ENTITIES_WITH_PARSE_MODE"));
    }

    @Test
    void fieldPrefixIsApplied() {
        assertThat(ContentValidator.validate(MessageContent.text(a(4097), ParseMode.NONE), ""))
                .extracting(Violation::field).containsExactly("text");
        assertThat(ContentValidator.validate(MessageContent.text(a(4097), ParseMode.NONE), "variants[2].content"))
                .extracting(Violation::field).containsExactly("variants[2].content.text");
        assertThat(ContentValidator.validate(null, "content"))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("content", "CONTENT_REQUIRED"));
    }

    @Test
    void violationsFromAllPartsAreReportedTogether() {
        MessageContent content = new MessageContent(a(1025), ParseMode.NONE, List.of(),
                new Media(MediaKind.VIDEO, null, null, null),
                List.of(List.of(InlineButton.callback("", "x".repeat(65)))), false, false);

        assertThat(ContentValidator.validate(content, "content"))
                .extracting(Violation::field, Violation::code)
                .containsExactly(
                        tuple("content.text", "CAPTION_TOO_LONG"),
                        tuple("content.media", "MEDIA_SOURCE"),
                        tuple("content.keyboard[0][0].text", "BUTTON_TEXT_REQUIRED"),
                        tuple("content.keyboard[0][0].callbackData", "CALLBACK_DATA_TOO_LONG"));
    }
}
