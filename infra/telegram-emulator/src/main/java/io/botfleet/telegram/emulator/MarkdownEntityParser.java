package io.botfleet.telegram.emulator;

/**
 * Parses legacy {@code parse_mode=Markdown}: non-nested {@code *bold* _italic_ `code` ```pre``` [text](url)}. As in
 * tdlib, a word right after the opening {@code ```} is the block's language when more text follows it, and one line
 * break after the opening is not text.
 */
final class MarkdownEntityParser {

    private MarkdownEntityParser() {
    }

    static FormattedText parse(String source) {
        StringBuilder text = new StringBuilder();
        EntityCollector entities = new EntityCollector();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length() && "_*`[".indexOf(source.charAt(i + 1)) >= 0) {
                text.append(source.charAt(i + 1));
                i += 2;
                continue;
            }
            if ("_*`[".indexOf(c) < 0) {
                text.append(c);
                i++;
                continue;
            }
            String closing = c == '[' ? "]" : source.startsWith("```", i) ? "```" : String.valueOf(c);
            int contentStart = i + closing.length();
            String language = null;
            if (closing.equals("```")) {
                int languageEnd = contentStart;
                while (languageEnd < source.length() && !Character.isWhitespace(source.charAt(languageEnd))
                        && source.charAt(languageEnd) != '`') {
                    languageEnd++;
                }
                if (languageEnd > contentStart && languageEnd < source.length() && source.charAt(languageEnd) != '`') {
                    language = source.substring(contentStart, languageEnd);
                    contentStart = languageEnd;
                }
                contentStart = afterOneLineBreak(source, contentStart);
            }
            int end = source.indexOf(closing, contentStart);
            if (end < 0) {
                throw EntityCollector.cantParse("Can't find end of the entity starting at byte offset "
                        + EntityCollector.byteOffset(source, i));
            }
            int start = text.length();
            text.append(source, contentStart, end);
            i = end + closing.length();
            switch (closing) {
                case "*" -> entities.add("bold", start, text.length());
                case "_" -> entities.add("italic", start, text.length());
                case "`" -> entities.add("code", start, text.length());
                case "```" -> {
                    var pre = entities.add("pre", start, text.length());
                    if (language != null) {
                        pre.put("language", language);
                    }
                }
                default -> {
                    int urlEnd = source.startsWith("(", i) ? source.indexOf(')', i) : -1;
                    if (urlEnd > 0) {
                        entities.add("text_link", start, text.length()).put("url", source.substring(i + 1, urlEnd));
                        i = urlEnd + 1;
                    }
                }
            }
        }
        return entities.finish(text);
    }

    /** Skips one line break ({@code \n}, {@code \r}, {@code \r\n} or {@code \n\r}) at {@code i}. */
    private static int afterOneLineBreak(String source, int i) {
        if (i >= source.length() || source.charAt(i) != '\n' && source.charAt(i) != '\r') {
            return i;
        }
        boolean pair = i + 1 < source.length() && (source.charAt(i + 1) == '\n' || source.charAt(i + 1) == '\r')
                && source.charAt(i + 1) != source.charAt(i);
        return i + (pair ? 2 : 1);
    }
}
