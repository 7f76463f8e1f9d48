package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownV2ParserTest {

    private static ParsedText parse(String text) {
        return FormattedTextParser.parse(text, ParseMode.MARKDOWN_V2);
    }

    private static MessageEntity entity(String type, int offset, int length) {
        return MessageEntity.of(type, offset, length);
    }

    /** The formatting sample from the Bot API documentation, verbatim. */
    private static final String BOT_API_SAMPLE = """
            *bold \\*text*
            _italic \\*text_
            __underline__
            ~strikethrough~
            ||spoiler||
            *bold _italic bold ~italic bold strikethrough ||italic bold strikethrough spoiler||~ __underline italic bold___ bold*
            [inline URL](http://www.example.com/)
            [inline mention of a user](tg://user?id=123456789)
            ![👍](tg://emoji?id=5368324170671202286)
            `inline fixed-width code`
            ```
            pre-formatted fixed-width code block
            ```
            ```python
            pre-formatted fixed-width code block written in the Python programming language
            ```
            >Block quotation started
            >Block quotation continued
            >The last line of the block quotation
            **>The expandable block quotation started right after the previous block quotation
            >It is separated from the previous block quotation by an empty bold entity
            >Expandable block quotation continued
            >Hidden by default part of the expandable block quotation started
            >Expandable block quotation continued
            >The last line of the expandable block quotation with the expandability mark||""";

    @Test
    void botApiDocumentationSampleParses() {
        ParsedText parsed = parse(BOT_API_SAMPLE);

        assertThat(parsed.entities()).extracting(MessageEntity::type).containsExactly(
                "bold", "italic", "underline", "strikethrough", "spoiler",
                "bold", "italic", "strikethrough", "spoiler", "underline",
                "text_link", "text_link", "custom_emoji", "code", "pre", "pre", "blockquote", "expandable_blockquote");
        String plain = parsed.plainText();
        assertThat(plain).startsWith("bold *text\nitalic *text\nunderline\n").doesNotContain("\\", "||", "```", "\n>");
        MessageEntity python = parsed.entities().get(15);
        assertThat(python.language()).isEqualTo("python");
        assertThat(plain.substring(python.offset(), python.end()))
                .isEqualTo("pre-formatted fixed-width code block written in the Python programming language\n");
        MessageEntity quote = parsed.entities().get(16);
        assertThat(plain.substring(quote.offset(), quote.end()))
                .isEqualTo("Block quotation started\nBlock quotation continued\nThe last line of the block quotation\n");
        MessageEntity expandable = parsed.entities().get(17);
        assertThat(plain.substring(expandable.end() - 12)).isEqualTo("ability mark");
    }

    @Test
    void parsesEachInlineStyleWithExactOffsets() {
        ParsedText parsed = parse("*bold* _italic_ __under__ ~strike~ ||spoil||");

        assertThat(parsed.plainText()).isEqualTo("bold italic under strike spoil");
        assertThat(parsed.entities()).containsExactly(
                entity("bold", 0, 4),
                entity("italic", 5, 6),
                entity("underline", 12, 5),
                entity("strikethrough", 18, 6),
                entity("spoiler", 25, 5));
    }

    @Test
    void nestedEntitiesAreOrderedOuterFirst() {
        ParsedText parsed = parse("*bold _italic bold ~strike||spoiler||~ __under___ bold*");

        assertThat(parsed.plainText()).isEqualTo("bold italic bold strikespoiler under bold");
        assertThat(parsed.entities()).containsExactly(
                entity("bold", 0, 41),
                entity("italic", 5, 31),
                entity("strikethrough", 17, 13),
                entity("spoiler", 23, 7),
                entity("underline", 31, 5));
    }

    @Test
    void escapesResolveAndAreNotCounted() {
        ParsedText parsed = parse("*bold \\*text* costs 5\\.00 \\(net\\) \\\\ \\#1");

        assertThat(parsed.plainText()).isEqualTo("bold *text costs 5.00 (net) \\ #1");
        assertThat(parsed.entities()).containsExactly(entity("bold", 0, 10));
    }

    @Test
    void inlineLinkWithEscapedParenthesisInUrl() {
        ParsedText parsed = parse("see [the *docs*](https://example.com/a_(b\\)?q=1) now");

        assertThat(parsed.plainText()).isEqualTo("see the docs now");
        assertThat(parsed.entities()).containsExactly(
                new MessageEntity("text_link", 4, 8, "https://example.com/a_(b)?q=1", null, null),
                entity("bold", 8, 4));
    }

    @Test
    void codeNeedsOnlyBacktickAndBackslashEscaped() {
        ParsedText parsed = parse("run `a*b_c.d(\\`x\\\\)` ok");

        assertThat(parsed.plainText()).isEqualTo("run a*b_c.d(`x\\) ok");
        assertThat(parsed.entities()).containsExactly(entity("code", 4, 12));
    }

    @Test
    void preBlockWithLanguageSkipsTheFirstLineBreak() {
        ParsedText parsed = parse("```python\nprint(1 + 2)\n```");

        assertThat(parsed.plainText()).isEqualTo("print(1 + 2)\n");
        assertThat(parsed.entities()).containsExactly(new MessageEntity("pre", 0, 13, null, "python", null));
    }

    @Test
    void preBlockWithoutLanguage() {
        ParsedText parsed = parse("```\nx.y```");

        assertThat(parsed.entities()).containsExactly(entity("pre", 0, 3));
        assertThat(parsed.plainText()).isEqualTo("x.y");
    }

    @Test
    void blockquoteSpansConsecutiveQuotedLinesAndOwnsItsLineBreak() {
        ParsedText parsed = parse(">quote line 1\n>line *2*\nafter");

        assertThat(parsed.plainText()).isEqualTo("quote line 1\nline 2\nafter");
        assertThat(parsed.entities()).containsExactly(entity("blockquote", 0, 20), entity("bold", 18, 1));
    }

    @Test
    void expandableBlockquoteEndsWithSpoilerMark() {
        ParsedText parsed = parse("**>hidden\n>more||\nafter");

        assertThat(parsed.plainText()).isEqualTo("hidden\nmore\nafter");
        assertThat(parsed.entities()).containsExactly(entity("expandable_blockquote", 0, 12));
    }

    @Test
    void expandableBlockquoteAtEndOfText() {
        ParsedText parsed = parse(">a\n>b||");

        assertThat(parsed.entities()).containsExactly(entity("expandable_blockquote", 0, 3));
        assertThat(parsed.plainText()).isEqualTo("a\nb");
    }

    @Test
    void customEmoji() {
        ParsedText parsed = parse("hi ![👍](tg://emoji?id=5368324170671202286)");

        assertThat(parsed.plainText()).isEqualTo("hi 👍");
        assertThat(parsed.entities()).containsExactly(new MessageEntity("custom_emoji", 3, 2, null, null, "5368324170671202286"));
    }

    @Test
    void offsetsAreUtf16CodeUnitsSoEmojiCountTwice() {
        ParsedText parsed = parse("😀👍🏽 *hi* _😀_");

        assertThat(parsed.plainText()).isEqualTo("😀👍🏽 hi 😀");
        assertThat(parsed.length()).isEqualTo(12); // 👍🏽 is two code points: four units
        assertThat(parsed.entities()).containsExactly(entity("bold", 7, 2), entity("italic", 10, 2));
    }

    @Test
    void emptyEntitiesAreDropped() {
        ParsedText parsed = parse("a**b");

        assertThat(parsed.plainText()).isEqualTo("ab");
        assertThat(parsed.entities()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Hello.                      | Character '.' is reserved and must be escaped with the preceding '\\' | 5",
        "1-2                         | Character '-' is reserved and must be escaped with the preceding '\\' | 1",
        "a > b                       | Character '>' is reserved and must be escaped with the preceding '\\' | 2",
        "#tag                        | Character '#' is reserved and must be escaped with the preceding '\\' | 0",
        "wow!                        | Character '!' is reserved and must be escaped with the preceding '\\' | 3",
        "(x)                         | Character '(' is reserved and must be escaped with the preceding '\\' | 0",
        "*bold                       | Can't find end of bold entity                                        | 0",
        "ok _it                      | Can't find end of italic entity                                      | 3",
        "`code                       | Can't find end of code entity                                        | 0",
        "x ```pre                    | Can't find end of pre entity                                         | 2",
        "[link](https://e.com        | Can't find end of a URL                                              | 7",
        "![e](https://e.com)         | Invalid custom emoji URL specified                                   | 5",
    })
    void refusesWhatTelegramRefuses(String text, String message, int offset) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(FormattingException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void singlePipeIsReserved() {
        assertThatThrownBy(() -> parse("a|b"))
                .isInstanceOfSatisfying(FormattingException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Character '|' is reserved and must be escaped with the preceding '\\'");
                    assertThat(e.offset()).isEqualTo(1);
                });
        assertThat(parse("a\\|b").plainText()).isEqualTo("a|b");
    }

    @Test
    void reservedCharacterAfterEmojiReportsUtf16Offset() {
        assertThatThrownBy(() -> parse("😀 end."))
                .isInstanceOfSatisfying(FormattingException.class, e -> assertThat(e.offset()).isEqualTo(6));
    }

    @Test
    void lineBreakInsideBoldWithinQuoteNeedsTheQuoteToContinue() {
        assertThatThrownBy(() -> parse(">*bold\nnot quoted*"))
                .isInstanceOfSatisfying(FormattingException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Can't find end of bold entity");
                    assertThat(e.offset()).isEqualTo(1);
                });
    }

    @Test
    void escapedTextWithoutMarkupIsReturnedVerbatimUnescaped() {
        assertThat(parse("Price: 10\\.99 \\- 20\\% off\\!").plainText()).isEqualTo("Price: 10.99 - 20% off!");
    }
}
