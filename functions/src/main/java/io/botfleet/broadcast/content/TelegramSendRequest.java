package io.botfleet.broadcast.content;

import java.util.Map;

/** One Bot API call: the method name and its JSON body (Jackson-serializable maps, lists and records). */
public record TelegramSendRequest(String method, Map<String, Object> parameters) {}
