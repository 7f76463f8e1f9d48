package io.botfleet.webhook;

/**
 * Text from Telegram made safe to store and forward. Telegram relays whatever a user's client sends, and a string
 * that is not valid Unicode (a lone UTF-16 surrogate) cannot be encoded as UTF-8, so DynamoDB, SQS and any JSON
 * consumer downstream would reject it; control characters would end up in CSV exports and dashboards.
 */
public final class TelegramText {
    static final char REPLACEMENT = '\uFFFD';

    private TelegramText() {}

    /**
     * Lone surrogates become U+FFFD, control characters other than newline and tab are dropped, and the result has
     * at most {@code maxChars} UTF-16 units without splitting a surrogate pair.
     */
    public static String clean(String s, int maxChars) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxChars));
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (out.length() + 2 > maxChars) {
                    break;
                }
                out.append(c).append(s.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) {
                c = REPLACEMENT;
            } else if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                continue;
            }
            if (out.length() + 1 > maxChars) {
                break;
            }
            out.append(c);
        }
        return out.toString();
    }
}
