package io.botfleet.broadcast.content;

import java.util.ArrayList;
import java.util.List;

/**
 * Telegram's MarkdownV2, following the algorithm of TDLib's {@code parse_markdown_v2} so that what passes here passes
 * Telegram and produces the same text and entities. Works on UTF-16 chars, so output offsets are Telegram's offsets.
 */
final class MarkdownV2TextParser {
    private static final String RESERVED = "_*[]()~`>#+-=|{}.!\n";
    private static final String RESERVED_IN_CODE = "`";

    private enum Kind {
        BOLD("bold"), ITALIC("italic"), UNDERLINE("underline"), STRIKETHROUGH("strikethrough"), SPOILER("spoiler"),
        TEXT_LINK("text_link"), CUSTOM_EMOJI("custom_emoji"), CODE("code"), PRE("pre"), BLOCKQUOTE("blockquote");

        final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    /** An entity whose start marker was seen; {@code sourceOffset} is where the marker starts, for error messages. */
    private record Open(Kind kind, String language, int outputOffset, int sourceOffset) {}

    private final String text;
    private final StringBuilder out = new StringBuilder();
    private final List<MessageEntity> entities = new ArrayList<>();
    private final List<Open> open = new ArrayList<>();
    private boolean haveBlockquote;
    private boolean canStartBlockquote = true;

    private MarkdownV2TextParser(String text) {
        this.text = text;
    }

    static ParsedText parse(String text) {
        return new MarkdownV2TextParser(text).run();
    }

    private ParsedText run() {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\' && isEscapable(at(i + 1))) {
                i++;
                out.append(text.charAt(i));
                if (text.charAt(i) != '\r') {
                    canStartBlockquote = text.charAt(i) == '\n';
                }
                continue;
            }
            String reserved = top() != null && (top().kind == Kind.CODE || top().kind == Kind.PRE) ? RESERVED_IN_CODE : RESERVED;
            if (reserved.indexOf(c) < 0) {
                out.append(c);
                if (c != '\r') {
                    canStartBlockquote = false;
                }
                continue;
            }
            i = isEndOfEntity(c, i) ? closeEntity(c, i) : openEntity(c, i);
        }
        finishBlockquote();
        if (!open.isEmpty()) {
            throw cantFindEnd(top());
        }
        return ParsedText.sorted(out.toString(), entities);
    }

    private boolean isEndOfEntity(char c, int i) {
        Open top = top();
        if (top == null) {
            return false;
        }
        if (haveBlockquote && c == '\n' && at(i + 1) != '>') {
            return true;
        }
        return switch (top.kind) {
            case BOLD -> c == '*';
            case ITALIC -> c == '_' && at(i + 1) != '_';
            case CODE -> c == '`';
            case PRE -> c == '`' && at(i + 1) == '`' && at(i + 2) == '`';
            case TEXT_LINK, CUSTOM_EMOJI -> c == ']';
            case UNDERLINE -> c == '_' && at(i + 1) == '_';
            case STRIKETHROUGH -> c == '~';
            case SPOILER -> c == '|' && at(i + 1) == '|';
            case BLOCKQUOTE -> false;
        };
    }

    /** @return the index of the last character consumed */
    private int openEntity(char c, int i) {
        int start = i;
        Kind kind;
        String language = null;
        switch (c) {
            case '_' -> {
                if (at(i + 1) == '_') {
                    kind = Kind.UNDERLINE;
                    i++;
                } else {
                    kind = Kind.ITALIC;
                }
            }
            case '*' -> kind = Kind.BOLD;
            case '~' -> kind = Kind.STRIKETHROUGH;
            case '|' -> {
                if (at(i + 1) != '|') {
                    throw reserved(c, i);
                }
                i++;
                kind = Kind.SPOILER;
            }
            case '[' -> kind = Kind.TEXT_LINK;
            case '`' -> {
                if (at(i + 1) == '`' && at(i + 2) == '`') {
                    kind = Kind.PRE;
                    i += 3;
                    int languageEnd = i;
                    while (languageEnd < text.length() && !isSpace(at(languageEnd)) && at(languageEnd) != '`') {
                        languageEnd++;
                    }
                    // A word right after ``` is the language only when more text follows it.
                    if (languageEnd != i && languageEnd < text.length() && at(languageEnd) != '`') {
                        language = text.substring(i, languageEnd);
                        i = languageEnd;
                    }
                    i = skipOneLineBreak(i) - 1;
                } else {
                    kind = Kind.CODE;
                }
            }
            case '!' -> {
                if (at(i + 1) != '[') {
                    throw reserved(c, i);
                }
                i++;
                kind = Kind.CUSTOM_EMOJI;
            }
            case '\n' -> {
                out.append('\n');
                canStartBlockquote = true;
                return i;
            }
            case '>' -> {
                if (!canStartBlockquote) {
                    throw reserved(c, i);
                }
                if (haveBlockquote) {
                    return i; // a continuation line of the open quote
                }
                kind = Kind.BLOCKQUOTE;
                haveBlockquote = true;
            }
            default -> throw reserved(c, i);
        }
        open.add(new Open(kind, language, out.length(), start));
        return i;
    }

    private int skipOneLineBreak(int i) {
        char c = at(i);
        if (c == '\n' || c == '\r') {
            char next = at(i + 1);
            return (next == '\n' || next == '\r') && next != c ? i + 2 : i + 1;
        }
        return i;
    }

    /** @return the index of the last character consumed */
    private int closeEntity(char c, int i) {
        Open top = top();
        boolean expandable = false;
        if (c == '\n' && top.kind != Kind.BLOCKQUOTE) {
            // The quote ends at this line break; the only entity allowed to be open is the "||" right before it,
            // which marks the quote as expandable.
            boolean markRightBefore = top.sourceOffset == i - 2
                    || (top.sourceOffset == i - 3 && !out.isEmpty() && out.charAt(out.length() - 1) == '\r');
            if (top.kind != Kind.SPOILER || !markRightBefore) {
                throw cantFindEnd(top);
            }
            pop();
            top = top();
            if (top.kind != Kind.BLOCKQUOTE) {
                throw cantFindEnd(top);
            }
            expandable = true;
        }
        String argument = top.language;
        boolean skip = out.length() == top.outputOffset;
        switch (top.kind) {
            case BOLD, ITALIC, CODE, STRIKETHROUGH -> { }
            case UNDERLINE, SPOILER -> i++;
            case PRE -> i += 2;
            case TEXT_LINK -> {
                String url;
                if (at(i + 1) != '(') {
                    url = out.substring(top.outputOffset); // "[https://x.y]" links its own text
                } else {
                    int urlStart = i + 2;
                    i = readParenthesized(urlStart);
                    if (i >= text.length()) {
                        throw new FormattingException("Can't find end of a URL", urlStart);
                    }
                    url = unescape(text.substring(urlStart, i));
                }
                if (url.isBlank()) {
                    skip = true; // Telegram keeps the text and drops a link without a URL
                } else {
                    argument = url;
                }
            }
            case CUSTOM_EMOJI -> {
                if (at(i + 1) != '(') {
                    throw new FormattingException("Custom emoji entity must contain a tg://emoji URL", i + 1);
                }
                int urlStart = i + 2;
                i = readParenthesized(urlStart);
                if (i >= text.length()) {
                    throw new FormattingException("Can't find end of a custom emoji URL", urlStart);
                }
                argument = customEmojiId(unescape(text.substring(urlStart, i)), urlStart);
            }
            case BLOCKQUOTE -> {
                haveBlockquote = false;
                out.append(c); // the quote owns its closing line break, as in Telegram
                canStartBlockquote = true;
                skip = false;
            }
        }
        if (!skip) {
            add(top.kind, expandable, top.outputOffset, out.length() - top.outputOffset, argument);
        }
        pop();
        return i;
    }

    /** Scans to the closing ')' honouring backslash escapes; returns its index, or text.length() if absent. */
    private int readParenthesized(int i) {
        while (i < text.length() && text.charAt(i) != ')') {
            i += text.charAt(i) == '\\' && isEscapable(at(i + 1)) ? 2 : 1;
        }
        return Math.min(i, text.length());
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && isEscapable(s.charAt(i + 1))) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String customEmojiId(String url, int offset) {
        String prefix = "tg://emoji?id=";
        String id = url.startsWith(prefix) ? url.substring(prefix.length()) : "";
        if (id.isEmpty() || !id.chars().allMatch(ch -> ch >= '0' && ch <= '9') || id.length() > 19) {
            throw new FormattingException("Invalid custom emoji URL specified", offset);
        }
        return id;
    }

    /** The last line of the text may end a quote without a line break; a trailing "||" makes it expandable. */
    private void finishBlockquote() {
        if (!haveBlockquote) {
            return;
        }
        boolean expandable = false;
        if (top().kind == Kind.SPOILER && top().sourceOffset == text.length() - 2) {
            pop();
            expandable = true;
        }
        if (top().kind == Kind.BLOCKQUOTE) {
            haveBlockquote = false;
            int length = out.length() - top().outputOffset;
            if (length != 0) {
                add(Kind.BLOCKQUOTE, expandable, top().outputOffset, length, null);
            }
            pop();
        }
    }

    private void add(Kind kind, boolean expandable, int offset, int length, String argument) {
        String type = kind == Kind.BLOCKQUOTE && expandable ? "expandable_blockquote" : kind.type;
        entities.add(switch (kind) {
            case TEXT_LINK -> new MessageEntity(type, offset, length, argument, null, null);
            case PRE -> new MessageEntity(type, offset, length, null, argument, null);
            case CUSTOM_EMOJI -> new MessageEntity(type, offset, length, null, null, argument);
            default -> MessageEntity.of(type, offset, length);
        });
    }

    private Open top() {
        return open.isEmpty() ? null : open.getLast();
    }

    private void pop() {
        open.removeLast();
    }

    /** Like C strings in TDLib, reading past the end yields NUL so look-ahead needs no bounds checks. */
    private char at(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private static boolean isEscapable(char c) {
        return c > 0 && c <= 126;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u000B' || c == '\f';
    }

    private static FormattingException reserved(char c, int offset) {
        return new FormattingException("Character '" + c + "' is reserved and must be escaped with the preceding '\\'", offset);
    }

    private static FormattingException cantFindEnd(Open entity) {
        String name = entity.kind == Kind.PRE ? "pre" : entity.kind.type;
        return new FormattingException("Can't find end of " + name + " entity", entity.sourceOffset);
    }
}
