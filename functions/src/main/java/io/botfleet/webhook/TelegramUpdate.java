package io.botfleet.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.subscribers.Subscriber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The facts of one Telegram update that the platform acts on, read from the JSON tree without binding the whole
 * Update type. {@code kind} is the update field ({@code message}, {@code callback_query}, ...).
 */
public record TelegramUpdate(long updateId, String kind, Optional<UpdateLedger.Contact> contact, String chatId,
                             Optional<String> command, Optional<String> startPayload, Optional<String> newStatus,
                             Optional<String> callbackQueryId, Optional<String> callbackData, String contentType) {

    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Empty when the JSON is not an update (no numeric {@code update_id}). */
    public static Optional<TelegramUpdate> parse(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("update_id").canConvertToLong() || !json.path("update_id").isIntegralNumber()) {
            return Optional.empty();
        }
        long updateId = json.get("update_id").asLong();
        if (json.has("message") || json.has("edited_message")) {
            String kind = json.has("message") ? "message" : "edited_message";
            JsonNode m = json.get(kind);
            JsonNode chat = m.path("chat");
            String chatId = chat.path("id").asText("");
            boolean isPrivate = "private".equals(chat.path("type").asText());
            Optional<UpdateLedger.Contact> contact = isPrivate ? Optional.of(contact(chat, m.path("from"))) : Optional.empty();
            Optional<String> command = Optional.empty();
            Optional<String> payload = Optional.empty();
            Optional<String> status = Optional.empty();
            String text = m.path("text").asText("");
            if (isPrivate && kind.equals("message") && text.startsWith("/")) {
                String[] parts = text.trim().split("\\s+", 2);
                String name = parts[0].substring(1);
                int at = name.indexOf('@');
                name = (at >= 0 ? name.substring(0, at) : name).toLowerCase(java.util.Locale.ROOT);
                command = Optional.of(name);
                if (name.equals("start")) {
                    status = Optional.of(Subscriber.ACTIVE);
                    if (parts.length > 1 && PAYLOAD.matcher(parts[1]).matches()) {
                        payload = Optional.of(parts[1]);
                    }
                } else if (name.equals("stop")) {
                    status = Optional.of(Subscriber.LEFT);
                }
            }
            return Optional.of(new TelegramUpdate(updateId, kind, contact, chatId, command, payload, status,
                    Optional.empty(), Optional.empty(), contentType(m)));
        }
        if (json.has("callback_query")) {
            JsonNode q = json.get("callback_query");
            JsonNode chat = q.path("message").path("chat");
            String chatId = chat.isMissingNode() ? q.path("from").path("id").asText("") : chat.path("id").asText("");
            boolean isPrivate = chat.isMissingNode() || "private".equals(chat.path("type").asText());
            Optional<UpdateLedger.Contact> contact = isPrivate
                    ? Optional.of(contact(chat.isMissingNode() ? q.path("from") : chat, q.path("from"))) : Optional.empty();
            return Optional.of(new TelegramUpdate(updateId, "callback_query", contact, chatId, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.ofNullable(q.path("id").asText(null)), Optional.ofNullable(q.path("data").asText(null)), "callback"));
        }
        if (json.has("my_chat_member")) {
            JsonNode u = json.get("my_chat_member");
            JsonNode chat = u.path("chat");
            String chatId = chat.path("id").asText("");
            if (!"private".equals(chat.path("type").asText())) {
                return Optional.of(other(updateId, "my_chat_member", chatId));
            }
            String status = switch (u.path("new_chat_member").path("status").asText("")) {
                case "kicked" -> Subscriber.BLOCKED;
                case "member", "administrator", "creator" -> Subscriber.ACTIVE;
                case "left" -> Subscriber.LEFT;
                default -> null;
            };
            return Optional.of(new TelegramUpdate(updateId, "my_chat_member", Optional.of(contact(chat, u.path("from"))), chatId,
                    Optional.empty(), Optional.empty(), Optional.ofNullable(status), Optional.empty(), Optional.empty(), "status"));
        }
        String kind = "other";
        var names = json.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("update_id")) {
                kind = n;
                break;
            }
        }
        return Optional.of(other(updateId, kind, ""));
    }

    private static TelegramUpdate other(long updateId, String kind, String chatId) {
        return new TelegramUpdate(updateId, kind, Optional.empty(), chatId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), kind);
    }

    private static UpdateLedger.Contact contact(JsonNode chat, JsonNode from) {
        JsonNode who = from.isMissingNode() ? chat : from;
        return new UpdateLedger.Contact(chat.path("id").asText(who.path("id").asText("")), chat.path("type").asText("private"),
                truncate(who.path("first_name").asText(chat.path("first_name").asText("")), 128),
                truncate(who.path("username").asText(""), 64), truncate(who.path("language_code").asText(""), 16));
    }

    private static String contentType(JsonNode message) {
        for (String t : new String[] {"text", "photo", "video", "document", "sticker", "voice", "audio", "animation", "location", "contact"}) {
            if (message.has(t)) {
                return t;
            }
        }
        return "other";
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
