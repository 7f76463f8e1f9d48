package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityParserTest {

    @Test
    void htmlProducesNestedEntitiesWithUtf16Offsets() {
        FormattedText parsed = HtmlEntityParser.parse("😀 <b>bold <i>both</i></b> <a href=\"https://x.io/?a=1&amp;b=2\">link</a>");

        assertThat(parsed.text()).isEqualTo("😀 bold both link");
        assertThat(entity(parsed, 0)).isEqualTo("bold@3+9");
        assertThat(entity(parsed, 1)).isEqualTo("italic@8+4");
        assertThat(entity(parsed, 2)).isEqualTo("text_link@13+4");
        assertThat(parsed.entities().get(2).path("url").asText()).isEqualTo("https://x.io/?a=1&b=2");
    }

    @Test
    void htmlDecodesCharacterReferencesAndRefusesUnsupportedOnes() {
        assertThat(HtmlEntityParser.parse("&lt;&gt;&amp;&quot;&#65;&#x42;").text()).isEqualTo("<>&\"AB");
        // only four named references are supported; any other '&' must be written &amp;
        assertThatThrownBy(() -> HtmlEntityParser.parse("a &nbsp;"))
                .hasMessageContaining("Character '&' must be escaped as &amp; at byte offset 2");
    }

    @Test
    void htmlPreWithLanguageIsOneEntity() {
        FormattedText parsed = HtmlEntityParser.parse("<pre><code class=\"language-java\">int x;</code></pre>");

        assertThat(parsed.entities()).hasSize(1);
        assertThat(parsed.entities().get(0).path("language").asText()).isEqualTo("java");
    }

    @Test
    void htmlRejectsMismatchedTags() {
        assertThatThrownBy(() -> HtmlEntityParser.parse("<b><i>x</b></i>"))
                .hasMessageContaining("Unmatched end tag");
        assertThatThrownBy(() -> HtmlEntityParser.parse("a < b"))
                .hasMessageContaining("Unsupported start tag");
    }

    @Test
    void markdownV2HandlesEscapesNestingLinksAndCode() {
        FormattedText parsed = MarkdownV2EntityParser.parse(
                "*bold _italic_* __under__ ~strike~ ||spoil|| [site](https://x.io/a\\)b) `co\\`de` 1\\.5\\!");

        assertThat(parsed.text()).isEqualTo("bold italic under strike spoil site co`de 1.5!");
        assertThat(parsed.entities()).extracting(e -> e.path("type").asText())
                .containsExactly("bold", "italic", "underline", "strikethrough", "spoiler", "text_link", "code");
        assertThat(entity(parsed, 0)).isEqualTo("bold@0+11");
        assertThat(parsed.entities().get(5).path("url").asText()).isEqualTo("https://x.io/a)b");
    }

    @Test
    void markdownV2PreBlockKeepsItsLanguage() {
        FormattedText parsed = MarkdownV2EntityParser.parse("```python\nprint(1)\n```");

        assertThat(parsed.text()).isEqualTo("print(1)\n");
        assertThat(parsed.entities().get(0).path("language").asText()).isEqualTo("python");
    }

    @Test
    void markdownV2RejectsUnescapedReservedCharactersAndUnclosedEntities() {
        assertThatThrownBy(() -> MarkdownV2EntityParser.parse("Hello!"))
                .hasMessageContaining("Character '!' is reserved");
        assertThatThrownBy(() -> MarkdownV2EntityParser.parse("a-b"))
                .hasMessageContaining("Character '-' is reserved");
        assertThatThrownBy(() -> MarkdownV2EntityParser.parse("*open"))
                .hasMessageContaining("Can't find end of bold entity");
    }

    @Test
    void markdownV2BlockquoteSpansConsecutiveQuotedLinesAndOwnsItsLineBreak() {
        FormattedText parsed = MarkdownV2EntityParser.parse(">one\n>two\nthree");

        assertThat(parsed.text()).isEqualTo("one\ntwo\nthree");
        assertThat(entity(parsed, 0)).isEqualTo("blockquote@0+8");
    }

    @Test
    void legacyMarkdownIsLenientAboutPunctuation() {
        FormattedText parsed = MarkdownEntityParser.parse("*Sale!* 5.00 [shop](https://x.io)");

        assertThat(parsed.text()).isEqualTo("Sale! 5.00 shop");
        assertThat(entity(parsed, 0)).isEqualTo("bold@0+5");
        assertThat(entity(parsed, 1)).isEqualTo("text_link@11+4");
    }

    private static String entity(FormattedText parsed, int index) {
        JsonNode entity = parsed.entities().get(index);
        return entity.path("type").asText() + "@" + entity.path("offset").asInt() + "+" + entity.path("length").asInt();
    }
}
