package io.botfleet.broadcast.content;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Telegram's MessageEntity. Offsets and lengths are UTF-16 code units, as Telegram counts them. Serialized with the
 * Bot API's snake_case names (it is sent to Telegram as is); camelCase is accepted on input too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageEntity(
        String type,
        int offset,
        int length,
        String url,
        String language,
        @JsonProperty("custom_emoji_id") @JsonAlias("customEmojiId") String customEmojiId) {

    public static MessageEntity of(String type, int offset, int length) {
        return new MessageEntity(type, offset, length, null, null, null);
    }

    public int end() {
        return offset + length;
    }
}
