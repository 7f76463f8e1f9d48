package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlParserTest {

    private static ParsedText parse(String text) {
        return FormattedTextParser.parse(text, ParseMode.HTML);
    }

    private static MessageEntity entity(String type, int offset, int length) {
        return MessageEntity.of(type, offset, length);
    }

    @Test
    void everySynonymTagMapsToItsEntity() {
        ParsedText parsed = parse("<b>1</b><strong>2</strong><i>3</i><em>4</em><u>5</u><ins>6</ins>"
                + "<s>7</s><strike>8</strike><del>9</del><tg-spoiler>a</tg-spoiler><span class=\"tg-spoiler\">b</span><code>c</code>");

        assertThat(parsed.plainText()).isEqualTo("123456789abc");
        assertThat(parsed.entities()).extracting(MessageEntity::type).containsExactly(
                "bold", "bold", "italic", "italic", "underline", "underline",
                "strikethrough", "strikethrough", "strikethrough", "spoiler", "spoiler", "code");
        assertThat(parsed.entities()).extracting(MessageEntity::offset).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void nestingProducesOuterEntityFirst() {
        ParsedText parsed = parse("x <b>bold <i>both <u>all</u></i> tail</b>");

        assertThat(parsed.plainText()).isEqualTo("x bold both all tail");
        assertThat(parsed.entities()).containsExactly(
                entity("bold", 2, 18), entity("italic", 7, 8), entity("underline", 12, 3));
    }

    @Test
    void decodesNamedAndNumericEntities() {
        ParsedText parsed = parse("&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x1F600;&#X41;");

        assertThat(parsed.plainText()).isEqualTo("<tag> & \"q\" A😀A");
        assertThat(parsed.length()).isEqualTo(16);
    }

    @Test
    void offsetsAreUtf16CodeUnits() {
        ParsedText parsed = parse("😀 <b>hi</b> &#x1F600;<i>x</i>");

        assertThat(parsed.entities()).containsExactly(entity("bold", 3, 2), entity("italic", 8, 1));
    }

    @Test
    void linkKeepsUnescapedAmpersandInHrefAndDecodesEntities() {
        ParsedText parsed = parse("<a href=\"https://e.com/?a=1&b=2&amp;c=3\">go</a> <A HREF='tg://user?id=1'>me</A>");

        assertThat(parsed.plainText()).isEqualTo("go me");
        assertThat(parsed.entities()).containsExactly(
                new MessageEntity("text_link", 0, 2, "https://e.com/?a=1&b=2&c=3", null, null),
                new MessageEntity("text_link", 3, 2, "tg://user?id=1", null, null));
    }

    @Test
    void preWithNestedCodeLanguageIsOnePreEntity() {
        ParsedText parsed = parse("<pre><code class=\"language-java\">int x = a &lt; b;</code></pre>");

        assertThat(parsed.plainText()).isEqualTo("int x = a < b;");
        assertThat(parsed.entities()).containsExactly(new MessageEntity("pre", 0, 14, null, "java", null));
    }

    @Test
    void blockquotesAndCustomEmoji() {
        ParsedText parsed = parse("<blockquote>q</blockquote><blockquote expandable>long</blockquote>"
                + "<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>");

        assertThat(parsed.plainText()).isEqualTo("qlong👍");
        assertThat(parsed.entities()).containsExactly(
                entity("blockquote", 0, 1),
                entity("expandable_blockquote", 1, 4),
                new MessageEntity("custom_emoji", 5, 2, null, null, "5368324170671202286"));
    }

    @Test
    void emptyTagsAddNoEntityAndLiteralGreaterThanIsFine() {
        ParsedText parsed = parse("<b></b>a > b");

        assertThat(parsed.plainText()).isEqualTo("a > b");
        assertThat(parsed.entities()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "<foo>x</foo>                | Unsupported start tag \"foo\"                             | 0",
        "line<br>break               | Unsupported start tag \"br\"                              | 4",
        "<b>x</i>                    | Unmatched end tag, expected \"</b>\", found \"</i>\"      | 4",
        "<b>x                        | Can't find end tag corresponding to start tag \"b\"       | 0",
        "<b><i>x</b></i>             | Unmatched end tag, expected \"</i>\", found \"</b>\"      | 7",
        "x</b>                       | Unexpected end tag \"b\"                                  | 1",
        "a < b                       | Character '<' must be escaped as &lt;                     | 2",
        "I <3 you                    | Character '<' must be escaped as &lt;                     | 2",
        "Tom & Jerry                 | Character '&' must be escaped as &amp;                    | 4",
        "&nbsp;                      | Character '&' must be escaped as &amp;                    | 0",
        "&#xD800;                    | Character '&' must be escaped as &amp;                    | 0",
        "<span>x</span>              | Tag \"span\" must have class \"tg-spoiler\"              | 0",
        "<tg-emoji>x</tg-emoji>      | Tag \"tg-emoji\" must have a numeric attribute \"emoji-id\" | 0",
        "<b class=\"x                | Unclosed start tag                                        | 0",
        "<b                          | Unclosed start tag                                        | 0",
    })
    void refusesInvalidMarkup(String text, String message, int offset) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(FormattingException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void botApiDocumentationSampleParses() {
        ParsedText parsed = parse("""
                <b>bold</b>, <strong>bold</strong>
                <i>italic</i>, <em>italic</em>
                <u>underline</u>, <ins>underline</ins>
                <s>strikethrough</s>, <strike>strikethrough</strike>, <del>strikethrough</del>
                <span class="tg-spoiler">spoiler</span>, <tg-spoiler>spoiler</tg-spoiler>
                <b>bold <i>italic bold <s>italic bold strikethrough <span class="tg-spoiler">italic bold strikethrough spoiler</span></s> <u>underline italic bold</u></i> bold</b>
                <a href="http://www.example.com/">inline URL</a>
                <a href="tg://user?id=123456789">inline mention of a user</a>
                <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>
                <code>inline fixed-width code</code>
                <pre>pre-formatted fixed-width code block</pre>
                <pre><code class="language-python">pre-formatted fixed-width code block written in the Python programming language</code></pre>
                <blockquote>Block quotation started\nBlock quotation continued\nThe last line of the block quotation</blockquote>
                <blockquote expandable>Expandable block quotation started\nExpandable block quotation continued</blockquote>""");

        assertThat(parsed.entities()).hasSize(24);
        assertThat(parsed.entities()).filteredOn(e -> e.type().equals("pre")).extracting(MessageEntity::language)
                .containsExactly(null, "python");
        assertThat(parsed.plainText()).startsWith("bold, bold\nitalic, italic\n").doesNotContain("<", ">");
    }

    @Test
    void plainModeReturnsTextUntouched() {
        ParsedText parsed = FormattedTextParser.parse("<b>not html</b> *not md*", ParseMode.NONE);

        assertThat(parsed.plainText()).isEqualTo("<b>not html</b> *not md*");
        assertThat(parsed.entities()).isEmpty();
    }
}
