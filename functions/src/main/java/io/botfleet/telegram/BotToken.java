package io.botfleet.telegram;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Telegram bot token ({@code <bot id>:<secret>}). Holding it in this type keeps it out of logs by accident:
 * {@link #toString()} is masked, and only {@link #reveal()} gives the plain value (for the Bot API URL).
 */
public final class BotToken {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,20}):([A-Za-z0-9_-]{20,100})");

    private final String value;
    private final String botId;

    private BotToken(String value, String botId) {
        this.value = value;
        this.botId = botId;
    }

    /** Empty when {@code raw} cannot be a token (the caller answers 422 without calling Telegram). */
    public static java.util.Optional<BotToken> parse(String raw) {
        if (raw == null) {
            return java.util.Optional.empty();
        }
        var m = FORMAT.matcher(raw.strip());
        return m.matches() ? java.util.Optional.of(new BotToken(raw.strip(), m.group(1))) : java.util.Optional.empty();
    }

    /** The numeric bot id the token starts with (the bot's Telegram user id). */
    public String botId() {
        return botId;
    }

    /** The plain token; only for building Bot API request URLs and for encryption. */
    public String reveal() {
        return value;
    }

    /** {@code 123456:AA…xY}: the id, the first two and the last two characters of the secret. */
    public String masked() {
        return mask(value);
    }

    public static String mask(String token) {
        if (token == null) {
            return "";
        }
        int colon = token.indexOf(':');
        String id = colon < 0 ? "" : token.substring(0, colon + 1);
        String secret = colon < 0 ? token : token.substring(colon + 1);
        if (secret.length() < 8) {
            return id + "…";
        }
        return id + secret.substring(0, 2) + "…" + secret.substring(secret.length() - 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BotToken other && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hash(botId);
    }

    @Override
    public String toString() {
        return masked();
    }
}
