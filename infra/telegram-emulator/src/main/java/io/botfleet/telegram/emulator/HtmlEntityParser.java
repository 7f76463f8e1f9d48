package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code parse_mode=HTML} the way the Bot API documents it: a fixed tag set, numeric character references and
 * four named ones ({@code &lt; &gt; &amp; &quot;}). Any other {@code &} outside a tag is refused: the documentation
 * requires it to be written {@code &amp;} (Telegram itself shows it as typed), and refusing it lets a test catch a
 * sender that forgot to escape, as the platform's own validation does.
 */
final class HtmlEntityParser {

    private static final Map<String, String> ENTITY_TYPE_BY_TAG = Map.ofEntries(
            Map.entry("b", "bold"), Map.entry("strong", "bold"),
            Map.entry("i", "italic"), Map.entry("em", "italic"),
            Map.entry("u", "underline"), Map.entry("ins", "underline"),
            Map.entry("s", "strikethrough"), Map.entry("strike", "strikethrough"), Map.entry("del", "strikethrough"),
            Map.entry("tg-spoiler", "spoiler"), Map.entry("span", "spoiler"),
            Map.entry("a", "text_link"),
            Map.entry("code", "code"), Map.entry("pre", "pre"),
            Map.entry("blockquote", "blockquote"),
            Map.entry("tg-emoji", "custom_emoji"));

    private record OpenTag(String name, int start, Map<String, String> attributes) {
    }

    private final String source;
    private final StringBuilder text = new StringBuilder();
    private final Deque<OpenTag> open = new ArrayDeque<>();
    private final EntityCollector entities = new EntityCollector();
    private int position;

    private HtmlEntityParser(String source) {
        this.source = source;
    }

    static FormattedText parse(String html) {
        return new HtmlEntityParser(html).run();
    }

    private FormattedText run() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '&') {
                readCharacterReference();
            } else if (c == '<') {
                if (position + 1 < source.length() && source.charAt(position + 1) == '/') {
                    readEndTag();
                } else {
                    readStartTag();
                }
            } else {
                text.append(c);
                position++;
            }
        }
        if (!open.isEmpty()) {
            throw EntityCollector.cantParse("Can't find end tag corresponding to start tag \"" + open.peek().name() + "\"");
        }
        return entities.finish(text);
    }

    private void readCharacterReference() {
        int semicolon = source.indexOf(';', position);
        if (semicolon > position + 1 && semicolon - position <= 10) {
            String name = source.substring(position + 1, semicolon);
            String decoded = decodeReference(name);
            if (decoded != null) {
                text.append(decoded);
                position = semicolon + 1;
                return;
            }
        }
        throw EntityCollector.cantParse("Character '&' must be escaped as &amp; at byte offset "
                + EntityCollector.byteOffset(source, position));
    }

    private static String decodeReference(String name) {
        switch (name) {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            default:
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException notANumber) {
            return null;
        }
        return null;
    }

    private void readStartTag() {
        int tagStart = position;
        int nameEnd = position + 1;
        while (nameEnd < source.length() && isNameChar(source.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = source.substring(position + 1, nameEnd).toLowerCase(Locale.ROOT);
        if (name.isEmpty() || !ENTITY_TYPE_BY_TAG.containsKey(name)) {
            throw EntityCollector.cantParse("Unsupported start tag \"" + name + "\" at byte offset "
                    + EntityCollector.byteOffset(source, tagStart));
        }
        int close = source.indexOf('>', nameEnd);
        if (close < 0) {
            throw EntityCollector.cantParse("Unclosed start tag at byte offset " + EntityCollector.byteOffset(source, tagStart));
        }
        Map<String, String> attributes = attributes(source.substring(nameEnd, close));
        if (name.equals("span") && !"tg-spoiler".equals(attributes.get("class"))) {
            throw EntityCollector.cantParse("Tag \"span\" must have class \"tg-spoiler\" at byte offset "
                    + EntityCollector.byteOffset(source, tagStart));
        }
        open.push(new OpenTag(name, text.length(), attributes));
        position = close + 1;
    }

    private void readEndTag() {
        int tagStart = position;
        int close = source.indexOf('>', position);
        if (close < 0) {
            throw EntityCollector.cantParse("Unclosed end tag at byte offset " + EntityCollector.byteOffset(source, tagStart));
        }
        String name = source.substring(position + 2, close).trim().toLowerCase(Locale.ROOT);
        if (open.isEmpty()) {
            throw EntityCollector.cantParse("Unexpected end tag at byte offset " + EntityCollector.byteOffset(source, tagStart));
        }
        OpenTag tag = open.pop();
        if (!tag.name().equals(name)) {
            throw EntityCollector.cantParse("Unmatched end tag at byte offset " + EntityCollector.byteOffset(source, tagStart)
                    + ", expected \"</" + tag.name() + ">\", found \"</" + name + ">\"");
        }
        addEntity(tag);
        position = close + 1;
    }

    private void addEntity(OpenTag tag) {
        String type = ENTITY_TYPE_BY_TAG.get(tag.name());
        int end = text.length();
        switch (tag.name()) {
            case "a" -> {
                String href = tag.attributes().get("href");
                if (href != null && !href.isEmpty()) {
                    entities.add(type, tag.start(), end).put("url", href);
                }
            }
            case "code" -> {
                OpenTag parent = open.peek();
                String language = languageOf(tag.attributes().get("class"));
                // <pre><code> is one pre entity (with the class's language, if any): code and pre never contain each other
                if (parent != null && parent.name().equals("pre") && parent.start() == tag.start()) {
                    if (language != null) {
                        parent.attributes().put("language", language);
                    }
                } else {
                    entities.add(type, tag.start(), end);
                }
            }
            case "pre" -> {
                ObjectNode entity = entities.add(type, tag.start(), end);
                String language = tag.attributes().get("language");
                if (language != null) {
                    entity.put("language", language);
                }
            }
            case "blockquote" -> entities.add(
                    tag.attributes().containsKey("expandable") ? "expandable_blockquote" : type, tag.start(), end);
            case "tg-emoji" -> {
                String emojiId = tag.attributes().get("emoji-id");
                if (emojiId == null) {
                    throw EntityCollector.cantParse("Custom emoji entity must contain a tg://emoji URL");
                }
                entities.add(type, tag.start(), end).put("custom_emoji_id", emojiId);
            }
            default -> entities.add(type, tag.start(), end);
        }
    }

    private static String decodeCharacterReferences(String value) {
        StringBuilder decoded = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            int semicolon = value.charAt(i) == '&' ? value.indexOf(';', i) : -1;
            String reference = semicolon > i + 1 && semicolon - i <= 10 ? decodeReference(value.substring(i + 1, semicolon)) : null;
            if (reference != null) {
                decoded.append(reference);
                i = semicolon + 1;
            } else {
                decoded.append(value.charAt(i++));
            }
        }
        return decoded.toString();
    }

    private static String languageOf(String cssClass) {
        return cssClass != null && cssClass.startsWith("language-") && cssClass.length() > "language-".length()
                ? cssClass.substring("language-".length()) : null;
    }

    private static Map<String, String> attributes(String raw) {
        Map<String, String> attributes = new HashMap<>();
        int i = 0;
        while (i < raw.length()) {
            while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) {
                i++;
            }
            int nameStart = i;
            while (i < raw.length() && isNameChar(raw.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                i++;
                continue;
            }
            String name = raw.substring(nameStart, i).toLowerCase(Locale.ROOT);
            String value = "";
            if (i < raw.length() && raw.charAt(i) == '=') {
                i++;
                if (i < raw.length() && (raw.charAt(i) == '"' || raw.charAt(i) == '\'')) {
                    char quote = raw.charAt(i);
                    int end = raw.indexOf(quote, i + 1);
                    end = end < 0 ? raw.length() : end;
                    value = raw.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int valueStart = i;
                    while (i < raw.length() && !Character.isWhitespace(raw.charAt(i))) {
                        i++;
                    }
                    value = raw.substring(valueStart, i);
                }
            }
            attributes.put(name, decodeCharacterReferences(value));
        }
        return attributes;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }
}
