package io.botfleet.broadcast.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a campaign sends. {@code text} is the message text, or the caption when {@code media} is present (then it may
 * be empty). Explicit {@code entities} are only meaningful with {@link ParseMode#NONE}. Missing lists and parse mode
 * are normalized to empty / NONE so callers never branch on null; elements are kept as given so that a null button
 * is reported by {@link ContentValidator} instead of failing here.
 */
public record MessageContent(
        String text,
        ParseMode parseMode,
        List<MessageEntity> entities,
        Media media,
        List<List<InlineButton>> keyboard,
        boolean disableNotification,
        boolean protectContent) {

    public MessageContent {
        parseMode = parseMode == null ? ParseMode.NONE : parseMode;
        entities = entities == null ? List.of() : entities;
        keyboard = keyboard == null ? List.of() : keyboard;
    }

    /**
     * JSON entry point: the flags are optional in requests, and the platform's mapper refuses a missing primitive
     * (FAIL_ON_NULL_FOR_PRIMITIVES), so they are read as wrappers.
     */
    @JsonCreator
    static MessageContent fromJson(
            @JsonProperty("text") String text,
            @JsonProperty("parseMode") ParseMode parseMode,
            @JsonProperty("entities") List<MessageEntity> entities,
            @JsonProperty("media") Media media,
            @JsonProperty("keyboard") List<List<InlineButton>> keyboard,
            @JsonProperty("disableNotification") Boolean disableNotification,
            @JsonProperty("protectContent") Boolean protectContent) {
        return new MessageContent(text, parseMode, entities, media, keyboard,
                Boolean.TRUE.equals(disableNotification), Boolean.TRUE.equals(protectContent));
    }

    public static MessageContent text(String text, ParseMode parseMode) {
        return new MessageContent(text, parseMode, List.of(), null, List.of(), false, false);
    }

    /** True when {@code text} is a caption (limit 1,024) rather than a message text (limit 4,096). */
    @JsonIgnore
    public boolean isCaption() {
        return media != null;
    }
}
