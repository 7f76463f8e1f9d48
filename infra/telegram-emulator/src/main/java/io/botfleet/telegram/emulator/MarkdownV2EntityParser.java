package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses {@code parse_mode=MarkdownV2} following tdlib's rules: every reserved character outside an entity
 * marker must be escaped with a backslash, otherwise the whole message is rejected. A quotation is a run of lines
 * starting with {@code >} (an empty entity such as {@code **} may come first); it owns the line break that ends it,
 * and a {@code ||} right at its end makes it expandable.
 */
final class MarkdownV2EntityParser {

    private static final String RESERVED = "_*[]()~`>#+-=|{}.!";

    private enum Kind {
        BOLD("bold"), ITALIC("italic"), UNDERLINE("underline"), STRIKETHROUGH("strikethrough"), SPOILER("spoiler"),
        TEXT_LINK("text_link"), CUSTOM_EMOJI("custom_emoji"), CODE("code"), PRE("pre");

        final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    private record Open(Kind kind, int start, int sourceIndex, String language) {
    }

    private final String source;
    private final StringBuilder text = new StringBuilder();
    private final Deque<Open> open = new ArrayDeque<>();
    private final EntityCollector entities = new EntityCollector();
    private int quoteStart = -1;
    /** At the start of a line, where only entity markers came so far: a {@code >} there starts a quotation. */
    private boolean canStartQuote = true;
    private int i;

    private MarkdownV2EntityParser(String source) {
        this.source = source;
    }

    static FormattedText parse(String markdown) {
        return new MarkdownV2EntityParser(markdown).run();
    }

    private FormattedText run() {
        for (i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length() && source.charAt(i + 1) > 0 && source.charAt(i + 1) <= 126) {
                char escaped = source.charAt(++i);
                text.append(escaped);
                if (escaped != '\r') {
                    canStartQuote = escaped == '\n';
                }
                continue;
            }
            Open top = open.peek();
            if (top != null && (top.kind() == Kind.CODE || top.kind() == Kind.PRE)) {
                readCodeCharacter(top, c);
                continue;
            }
            if (c == '\n') {
                text.append(c);
                if (quoteStart >= 0 && (i + 1 >= source.length() || source.charAt(i + 1) != '>')) {
                    endQuote(i);
                }
                canStartQuote = true;
                continue;
            }
            if (RESERVED.indexOf(c) < 0) {
                text.append(c);
                if (c != '\r') {
                    canStartQuote = false;
                }
                continue;
            }
            if (top != null && closes(top, c)) {
                close(top);
                continue;
            }
            openEntity(c);
        }
        if (quoteStart >= 0) {
            endQuote(source.length());
        }
        if (!open.isEmpty()) {
            throw cantFindEnd(open.peek());
        }
        return entities.finish(text);
    }

    /**
     * Ends the open quotation where its last line ends ({@code lineEnd}: the line break, or the end of the text). A
     * spoiler opened by the {@code ||} right before it is no spoiler but the mark of an expandable quotation; any
     * other entity still open cannot cross the quotation's end.
     */
    private void endQuote(int lineEnd) {
        Open top = open.peek();
        boolean markedExpandable = top != null && top.kind() == Kind.SPOILER && (top.sourceIndex() == lineEnd - 2
                || top.sourceIndex() == lineEnd - 3 && source.charAt(lineEnd - 1) == '\r');
        if (markedExpandable) {
            open.pop();
        }
        if (!open.isEmpty()) {
            throw cantFindEnd(open.peek());
        }
        entities.add(markedExpandable ? "expandable_blockquote" : "blockquote", quoteStart, text.length());
        quoteStart = -1;
    }

    private ApiException cantFindEnd(Open unclosed) {
        return EntityCollector.cantParse("Can't find end of " + unclosed.kind().type + " entity at byte offset "
                + EntityCollector.byteOffset(source, unclosed.sourceIndex()));
    }

    private void readCodeCharacter(Open top, char c) {
        boolean closing = c == '`' && (top.kind() == Kind.CODE || source.startsWith("```", i));
        if (!closing) {
            text.append(c);
            if (c != '\r') {
                canStartQuote = false;
            }
            return;
        }
        open.pop();
        ObjectNode entity = entities.add(top.kind().type, top.start(), text.length());
        if (top.language() != null) {
            entity.put("language", top.language());
        }
        if (top.kind() == Kind.PRE) {
            i += 2;
        }
    }

    private boolean closes(Open top, char c) {
        char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
        return switch (top.kind()) {
            case BOLD -> c == '*';
            case ITALIC -> c == '_' && next != '_';
            case UNDERLINE -> c == '_' && next == '_';
            case STRIKETHROUGH -> c == '~';
            case SPOILER -> c == '|' && next == '|';
            case TEXT_LINK, CUSTOM_EMOJI -> c == ']';
            case CODE, PRE -> false;
        };
    }

    private void close(Open top) {
        open.pop();
        switch (top.kind()) {
            case UNDERLINE, SPOILER -> {
                i++;
                entities.add(top.kind().type, top.start(), text.length());
            }
            case TEXT_LINK, CUSTOM_EMOJI -> {
                String url = readUrl();
                if (top.kind() == Kind.CUSTOM_EMOJI) {
                    String prefix = "tg://emoji?id=";
                    if (url == null || !url.startsWith(prefix)) {
                        throw EntityCollector.cantParse("Custom emoji entity must contain a tg://emoji URL");
                    }
                    entities.add(top.kind().type, top.start(), text.length()).put("custom_emoji_id", url.substring(prefix.length()));
                } else if (url != null && !url.isEmpty()) {
                    entities.add(top.kind().type, top.start(), text.length()).put("url", url);
                }
            }
            default -> entities.add(top.kind().type, top.start(), text.length());
        }
    }

    /** Reads {@code (url)} right after a closing {@code ]}; inside it only {@code )} and {@code \} need escaping. */
    private String readUrl() {
        if (i + 1 >= source.length() || source.charAt(i + 1) != '(') {
            return null;
        }
        StringBuilder url = new StringBuilder();
        int j = i + 2;
        while (j < source.length() && source.charAt(j) != ')') {
            if (source.charAt(j) == '\\' && j + 1 < source.length()) {
                j++;
            }
            url.append(source.charAt(j++));
        }
        if (j >= source.length()) {
            throw EntityCollector.cantParse("Can't find end of a URL at byte offset " + EntityCollector.byteOffset(source, i + 1));
        }
        i = j;
        return url.toString();
    }

    private void openEntity(char c) {
        char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
        int start = i;
        switch (c) {
            case '*' -> open.push(new Open(Kind.BOLD, text.length(), start, null));
            case '~' -> open.push(new Open(Kind.STRIKETHROUGH, text.length(), start, null));
            case '[' -> open.push(new Open(Kind.TEXT_LINK, text.length(), start, null));
            case '_' -> {
                if (next == '_') {
                    i++;
                    open.push(new Open(Kind.UNDERLINE, text.length(), start, null));
                } else {
                    open.push(new Open(Kind.ITALIC, text.length(), start, null));
                }
            }
            case '|' -> {
                if (next != '|') {
                    throw reserved(c);
                }
                i++;
                open.push(new Open(Kind.SPOILER, text.length(), start, null));
            }
            case '!' -> {
                if (next != '[') {
                    throw reserved(c);
                }
                i++;
                open.push(new Open(Kind.CUSTOM_EMOJI, text.length(), start, null));
            }
            case '`' -> openCode(start);
            case '>' -> {
                if (!canStartQuote) {
                    throw reserved(c);
                }
                if (quoteStart < 0) {
                    quoteStart = text.length();
                }
            }
            default -> throw reserved(c);
        }
    }

    private void openCode(int start) {
        if (!source.startsWith("```", i)) {
            open.push(new Open(Kind.CODE, text.length(), start, null));
            return;
        }
        int lineEnd = source.indexOf('\n', i + 3);
        String language = null;
        if (lineEnd > 0) {
            String firstLine = source.substring(i + 3, lineEnd);
            if (!firstLine.isBlank() && firstLine.indexOf('`') < 0) {
                language = firstLine.trim();
            }
            i = firstLine.indexOf('`') < 0 ? lineEnd : i + 2;
        } else {
            i += 2;
        }
        open.push(new Open(Kind.PRE, text.length(), start, language));
    }

    private ApiException reserved(char c) {
        return EntityCollector.cantParse("Character '" + c + "' is reserved and must be escaped with the preceding '\\'");
    }
}
