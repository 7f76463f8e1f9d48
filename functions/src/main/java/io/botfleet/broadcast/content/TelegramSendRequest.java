package io.botfleet.broadcast.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Bot API call to one chat: the method name, the chat, and the rest of its JSON body (Jackson-serializable maps,
 * lists and records). The rest is one map shared by every recipient of the same message ({@link #to}), so a sender
 * serializes it once, not once per recipient. {@code libraryMediaId} names a media library item whose file the call
 * still needs (its parameter is then absent): the sender uploads it, or puts in the bot's cached file_id.
 */
public record TelegramSendRequest(String method, long chatId, Map<String, Object> message, String libraryMediaId) {

    /** The same call to another chat, sharing this one's {@link #message}. */
    public TelegramSendRequest to(long otherChatId) {
        return new TelegramSendRequest(method, otherChatId, message, libraryMediaId);
    }

    /** The whole body: {@code chat_id} first, then the message's parameters. */
    public Map<String, Object> parameters() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("chat_id", chatId);
        all.putAll(message);
        return Collections.unmodifiableMap(all);
    }
}
