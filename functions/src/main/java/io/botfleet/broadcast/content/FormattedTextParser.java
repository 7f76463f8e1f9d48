package io.botfleet.broadcast.content;

import java.util.List;

/** Turns formatted text into what Telegram will display: the plain text and its entities, or a FormattingException. */
public final class FormattedTextParser {
    private FormattedTextParser() {}

    public static ParsedText parse(String text, ParseMode mode) throws FormattingException {
        String source = text == null ? "" : text;
        return switch (mode == null ? ParseMode.NONE : mode) {
            case NONE -> new ParsedText(source, List.of());
            case HTML -> HtmlTextParser.parse(source);
            case MARKDOWN_V2 -> MarkdownV2TextParser.parse(source);
        };
    }
}
