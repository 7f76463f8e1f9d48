package io.botfleet.broadcast.content;

import java.util.Map;

/**
 * One Bot API call: the method name and its JSON body (Jackson-serializable maps, lists and records).
 * {@code libraryMediaId} names a media library item whose file the call still needs (its parameter is then absent):
 * the sender uploads it, or puts in the bot's cached file_id.
 */
public record TelegramSendRequest(String method, Map<String, Object> parameters, String libraryMediaId) {

    public TelegramSendRequest(String method, Map<String, Object> parameters) {
        this(method, parameters, null);
    }
}
