package io.botfleet.broadcast.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Telegram's HTML parse mode: the Bot API's tag set, the four named entities plus numeric ones. Stricter than Telegram
 * in one place on purpose: a bare '&' in text is refused rather than shown literally, because in generated text it
 * almost always means a forgotten escape. Works on UTF-16 chars, so output offsets are Telegram's offsets.
 */
final class HtmlTextParser {
    private static final Map<String, String> SIMPLE_TAGS = Map.ofEntries(
            Map.entry("b", "bold"), Map.entry("strong", "bold"),
            Map.entry("i", "italic"), Map.entry("em", "italic"),
            Map.entry("u", "underline"), Map.entry("ins", "underline"),
            Map.entry("s", "strikethrough"), Map.entry("strike", "strikethrough"), Map.entry("del", "strikethrough"),
            Map.entry("tg-spoiler", "spoiler"),
            Map.entry("code", "code"),
            Map.entry("pre", "pre"));
    private static final Set<String> OTHER_TAGS = Set.of("span", "a", "blockquote", "tg-emoji");

    /** A start tag waiting for its end tag. {@code type} null means the tag adds no entity of its own. */
    private static final class Open {
        final String tag;
        final int sourceOffset;
        final int outputOffset;
        String type;
        String argument;

        Open(String tag, int sourceOffset, int outputOffset) {
            this.tag = tag;
            this.sourceOffset = sourceOffset;
            this.outputOffset = outputOffset;
        }
    }

    private final String text;
    private final StringBuilder out = new StringBuilder();
    private final List<MessageEntity> entities = new ArrayList<>();
    private final List<Open> open = new ArrayList<>();
    private int pos;

    private HtmlTextParser(String text) {
        this.text = text;
    }

    static ParsedText parse(String text) {
        return new HtmlTextParser(text).run();
    }

    private ParsedText run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '&') {
                int codePoint = decodeEntity(pos);
                if (codePoint < 0) {
                    throw new FormattingException("Character '&' must be escaped as &amp;", pos);
                }
                out.appendCodePoint(codePoint);
                pos = text.indexOf(';', pos) + 1;
            } else if (c == '<') {
                if (at(pos + 1) == '/') {
                    endTag();
                } else {
                    startTag();
                }
            } else {
                out.append(c);
                pos++;
            }
        }
        if (!open.isEmpty()) {
            Open unclosed = open.getLast();
            throw new FormattingException("Can't find end tag corresponding to start tag \"" + unclosed.tag + "\"", unclosed.sourceOffset);
        }
        return ParsedText.sorted(out.toString(), entities);
    }

    private void startTag() {
        int tagStart = pos;
        pos++;
        String name = readName();
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            throw new FormattingException("Character '<' must be escaped as &lt;", tagStart);
        }
        if (!SIMPLE_TAGS.containsKey(name) && !OTHER_TAGS.contains(name)) {
            throw new FormattingException("Unsupported start tag \"" + name + "\"", tagStart);
        }
        Map<String, String> attributes = readAttributes(tagStart);
        Open tag = new Open(name, tagStart, out.length());
        describe(tag, attributes);
        open.add(tag);
    }

    /** Decides which entity a start tag opens; refuses tags Telegram does not support. */
    private void describe(Open tag, Map<String, String> attributes) {
        String simple = SIMPLE_TAGS.get(tag.tag);
        Open parent = open.isEmpty() ? null : open.getLast();
        if (tag.tag.equals("code") && parent != null && parent.tag.equals("pre") && parent.outputOffset == out.length()) {
            // <pre><code class="language-x"> is one pre entity with a language, not two entities.
            String cssClass = attributes.getOrDefault("class", "");
            if (cssClass.startsWith("language-") && cssClass.length() > "language-".length()) {
                parent.argument = cssClass.substring("language-".length());
            }
            return;
        }
        if (simple != null) {
            tag.type = simple;
            return;
        }
        switch (tag.tag) {
            case "span" -> {
                if (!"tg-spoiler".equals(attributes.get("class"))) {
                    throw new FormattingException("Tag \"span\" must have class \"tg-spoiler\"", tag.sourceOffset);
                }
                tag.type = "spoiler";
            }
            case "a" -> {
                tag.type = "text_link";
                tag.argument = attributes.get("href"); // null: the link text is the URL, as Telegram does
            }
            case "blockquote" -> tag.type = attributes.containsKey("expandable") ? "expandable_blockquote" : "blockquote";
            case "tg-emoji" -> {
                String id = attributes.get("emoji-id");
                if (id == null || id.isEmpty() || id.length() > 19 || !id.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    throw new FormattingException("Tag \"tg-emoji\" must have a numeric attribute \"emoji-id\"", tag.sourceOffset);
                }
                tag.type = "custom_emoji";
                tag.argument = id;
            }
            default -> throw new FormattingException("Unsupported start tag \"" + tag.tag + "\"", tag.sourceOffset);
        }
    }

    private void endTag() {
        int tagStart = pos;
        pos += 2;
        String name = readName();
        skipSpaces();
        if (at(pos) != '>') {
            throw new FormattingException("Can't find end of end tag \"" + name + "\"", tagStart);
        }
        pos++;
        if (open.isEmpty()) {
            throw new FormattingException("Unexpected end tag \"" + name + "\"", tagStart);
        }
        Open tag = open.getLast();
        if (!tag.tag.equals(name)) {
            throw new FormattingException("Unmatched end tag, expected \"</" + tag.tag + ">\", found \"</" + name + ">\"", tagStart);
        }
        open.removeLast();
        int length = out.length() - tag.outputOffset;
        if (tag.type == null || length == 0) {
            return; // Telegram drops empty entities
        }
        String argument = tag.argument;
        if (tag.type.equals("text_link")) {
            argument = argument == null ? out.substring(tag.outputOffset) : argument;
            if (argument.isBlank()) {
                return; // Telegram keeps the text and drops a link without a URL
            }
        }
        entities.add(switch (tag.type) {
            case "text_link" -> new MessageEntity("text_link", tag.outputOffset, length, argument, null, null);
            case "pre" -> new MessageEntity("pre", tag.outputOffset, length, null, argument, null);
            case "custom_emoji" -> new MessageEntity("custom_emoji", tag.outputOffset, length, null, null, argument);
            default -> MessageEntity.of(tag.type, tag.outputOffset, length);
        });
    }

    private Map<String, String> readAttributes(int tagStart) {
        Map<String, String> attributes = new HashMap<>();
        while (true) {
            skipSpaces();
            char c = at(pos);
            if (c == '>') {
                pos++;
                return attributes;
            }
            if (c == '\0' && pos >= text.length()) {
                throw new FormattingException("Unclosed start tag", tagStart);
            }
            String name = readName();
            if (name.isEmpty()) {
                throw new FormattingException("Unexpected character '" + c + "' in start tag", pos);
            }
            skipSpaces();
            String value = "";
            if (at(pos) == '=') {
                pos++;
                skipSpaces();
                value = readAttributeValue(tagStart);
            }
            attributes.putIfAbsent(name, value);
        }
    }

    private String readAttributeValue(int tagStart) {
        char quote = at(pos);
        int end;
        String raw;
        if (quote == '"' || quote == '\'') {
            end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw new FormattingException("Unclosed start tag", tagStart);
            }
            raw = text.substring(pos + 1, end);
            pos = end + 1;
        } else {
            end = pos;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '>') {
                end++;
            }
            raw = text.substring(pos, end);
            pos = end;
        }
        return decodeAttribute(raw);
    }

    /**
     * Entities in attribute values are decoded, but a bare '&' stays literal there (as in Telegram): URLs such as
     * {@code ?a=1&b=2} are routinely pasted unescaped into href.
     */
    private static String decodeAttribute(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int codePoint = raw.charAt(i) == '&' ? decodeEntity(raw, i) : -1;
            if (codePoint >= 0) {
                b.appendCodePoint(codePoint);
                i = raw.indexOf(';', i) + 1;
            } else {
                b.append(raw.charAt(i++));
            }
        }
        return b.toString();
    }

    private int decodeEntity(int ampersand) {
        return decodeEntity(text, ampersand);
    }

    /** @return the code point of the entity starting at {@code s[ampersand]}, or -1 if there is none */
    private static int decodeEntity(String s, int ampersand) {
        int semicolon = s.indexOf(';', ampersand);
        if (semicolon < 0 || semicolon - ampersand > 12) {
            return -1;
        }
        String body = s.substring(ampersand + 1, semicolon);
        switch (body) {
            case "lt": return '<';
            case "gt": return '>';
            case "amp": return '&';
            case "quot": return '"';
            default: break;
        }
        if (body.length() < 2 || body.charAt(0) != '#') {
            return -1;
        }
        boolean hex = body.charAt(1) == 'x' || body.charAt(1) == 'X';
        String digits = body.substring(hex ? 2 : 1);
        int radix = hex ? 16 : 10;
        if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(ch -> Character.digit(ch, radix) >= 0)) {
            return -1;
        }
        try {
            int codePoint = Integer.parseInt(digits, radix);
            boolean valid = codePoint > 0 && codePoint <= Character.MAX_CODE_POINT
                    && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
            return valid ? codePoint : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Tag and attribute names: ASCII letters, digits and '-', case-insensitive like HTML. */
    private String readName() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char at(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }
}
