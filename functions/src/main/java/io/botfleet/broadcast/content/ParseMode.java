package io.botfleet.broadcast.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the text of a message is formatted; {@link #NONE} means plain text, optionally with explicit entities. */
public enum ParseMode {
    NONE("none", null),
    HTML("html", "HTML"),
    MARKDOWN_V2("markdownv2", "MarkdownV2");

    private final String json;
    private final String telegramName;

    ParseMode(String json, String telegramName) {
        this.json = json;
        this.telegramName = telegramName;
    }

    /** Accepts any case and Telegram's own spelling ("MarkdownV2"), so admins can paste what the Bot API docs show. */
    @JsonCreator
    public static ParseMode fromJson(String value) {
        if (value == null) {
            return null;
        }
        String key = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
        for (ParseMode mode : values()) {
            if (mode.json.equals(key)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown parse mode '" + value + "' (expected none, html or markdownv2)");
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** The Bot API's {@code parse_mode} value, or null when none is sent. */
    public String telegramName() {
        return telegramName;
    }
}
