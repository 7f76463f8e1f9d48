package io.botfleet.local.gateway;

import java.util.regex.Pattern;

/** An IAM Action or Resource value: {@code *} matches any run of characters, {@code ?} any one character. */
record IamPattern(String text, Pattern regex) {

    static IamPattern action(String text) {
        return new IamPattern(text, compile(text, Pattern.CASE_INSENSITIVE));
    }

    static IamPattern resource(String text) {
        return new IamPattern(text, compile(text, 0));
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    private static Pattern compile(String text, int flags) {
        StringBuilder regex = new StringBuilder();
        int literalStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(text.substring(literalStart, i))).append(c == '*' ? ".*" : ".");
                literalStart = i + 1;
            }
        }
        regex.append(Pattern.quote(text.substring(literalStart)));
        return Pattern.compile(regex.toString(), flags | Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return text;
    }
}
