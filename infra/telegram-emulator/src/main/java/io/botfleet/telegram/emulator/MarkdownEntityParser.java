package io.botfleet.telegram.emulator;

/** Parses legacy {@code parse_mode=Markdown}: non-nested {@code *bold* _italic_ `code` ```pre``` [text](url)}. */
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
                case "```" -> entities.add("pre", start, text.length());
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
}
