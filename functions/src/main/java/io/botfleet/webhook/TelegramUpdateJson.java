package io.botfleet.webhook;

import static io.botfleet.webhook.TelegramUpdate.CALLBACK_MAX;
import static io.botfleet.webhook.TelegramUpdate.CHAT_TYPE_MAX;
import static io.botfleet.webhook.TelegramUpdate.COMMAND_MAX;
import static io.botfleet.webhook.TelegramUpdate.KIND_MAX;
import static io.botfleet.webhook.TelegramUpdate.LANGUAGE_MAX;
import static io.botfleet.webhook.TelegramUpdate.NAME_MAX;
import static io.botfleet.webhook.TelegramUpdate.USERNAME_MAX;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.JsonStreams;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.webhook.TelegramUpdate.Parsed;
import io.botfleet.webhook.TelegramUpdate.Refused;
import io.botfleet.webhook.TelegramUpdate.Valid;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The one place where Telegram's update JSON becomes domain values: read as a tree, without binding the whole Update
 * type, taking only the facts the platform acts on.
 */
public final class TelegramUpdateJson implements UpdateReader {
    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Override
    public Parsed read(byte[] body) {
        JsonNode json;
        try {
            json = JsonStreams.readTree(body);
        } catch (Exception e) {
            return new Refused(OptionalLong.empty(), "body is not JSON");
        }
        return parse(json);
    }

    public static Parsed parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            return new Refused(OptionalLong.empty(), "body is not a JSON object");
        }
        OptionalLong id = telegramId(json.path("update_id"));
        if (id.isEmpty()) {
            return new Refused(OptionalLong.empty(), "update_id is missing or not an integer");
        }
        long updateId = id.getAsLong();
        if (json.has("message") || json.has("edited_message")) {
            String kind = json.has("message") ? "message" : "edited_message";
            JsonNode m = json.get(kind);
            JsonNode chat = m.path("chat");
            OptionalLong chatId = telegramId(chat.path("id"));
            if (chatId.isEmpty()) {
                return notAnId(updateId, kind + ".chat.id");
            }
            boolean isPrivate = "private".equals(chat.path("type").asText());
            Optional<UpdateLedger.Contact> contact = isPrivate ? Optional.of(contact(chatId.getAsLong(), chat, m.path("from"))) : Optional.empty();
            Optional<String> command = Optional.empty();
            Optional<String> payload = Optional.empty();
            Optional<String> status = Optional.empty();
            String text = m.path("text").isTextual() ? m.path("text").textValue() : "";
            if (isPrivate && kind.equals("message") && text.startsWith("/")) {
                String[] parts = text.trim().split("\\s+", 2);
                String name = parts[0].substring(1);
                int at = name.indexOf('@');
                name = TelegramText.clean(at >= 0 ? name.substring(0, at) : name, COMMAND_MAX).toLowerCase(Locale.ROOT);
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
            return new Valid(new TelegramUpdate(updateId, kind, contact, Long.toString(chatId.getAsLong()), command, payload, status,
                    Optional.empty(), Optional.empty(), contentType(m)));
        }
        if (json.has("callback_query")) {
            JsonNode q = json.get("callback_query");
            JsonNode chat = q.path("message").path("chat");
            JsonNode chatOrUser = chat.isMissingNode() ? q.path("from") : chat;
            OptionalLong chatId = telegramId(chatOrUser.path("id"));
            if (chatId.isEmpty()) {
                return notAnId(updateId, chat.isMissingNode() ? "callback_query.from.id" : "callback_query.message.chat.id");
            }
            boolean isPrivate = chat.isMissingNode() || "private".equals(chat.path("type").asText());
            Optional<UpdateLedger.Contact> contact = isPrivate
                    ? Optional.of(contact(chatId.getAsLong(), chatOrUser, q.path("from"))) : Optional.empty();
            return new Valid(new TelegramUpdate(updateId, "callback_query", contact, Long.toString(chatId.getAsLong()),
                    Optional.empty(), Optional.empty(), Optional.empty(),
                    text(q.path("id"), CALLBACK_MAX), text(q.path("data"), CALLBACK_MAX), "callback"));
        }
        if (json.has("my_chat_member")) {
            JsonNode u = json.get("my_chat_member");
            JsonNode chat = u.path("chat");
            OptionalLong chatId = telegramId(chat.path("id"));
            if (chatId.isEmpty()) {
                return notAnId(updateId, "my_chat_member.chat.id");
            }
            if (!"private".equals(chat.path("type").asText())) {
                return new Valid(other(updateId, "my_chat_member", Long.toString(chatId.getAsLong())));
            }
            String status = switch (u.path("new_chat_member").path("status").asText("")) {
                case "kicked" -> Subscriber.BLOCKED;
                case "member", "administrator", "creator" -> Subscriber.ACTIVE;
                case "left" -> Subscriber.LEFT;
                default -> null;
            };
            return new Valid(new TelegramUpdate(updateId, "my_chat_member", Optional.of(contact(chatId.getAsLong(), chat, u.path("from"))),
                    Long.toString(chatId.getAsLong()), Optional.empty(), Optional.empty(), Optional.ofNullable(status),
                    Optional.empty(), Optional.empty(), "status"));
        }
        String kind = "other";
        var names = json.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("update_id")) {
                kind = TelegramText.clean(n, KIND_MAX);
                break;
            }
        }
        return new Valid(other(updateId, kind, ""));
    }

    /**
     * Telegram's ids are non-zero 64-bit integers and arrive as JSON integers; anything else (a string, {@code 1e30}, a
     * number beyond 64 bits) would be stored as a key that the planner cannot turn back into a chat to send to.
     */
    static OptionalLong telegramId(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() != 0
                ? OptionalLong.of(node.longValue()) : OptionalLong.empty();
    }

    private static Refused notAnId(long updateId, String field) {
        return new Refused(OptionalLong.of(updateId), field + " is missing or not a Telegram id");
    }

    private static TelegramUpdate other(long updateId, String kind, String chatId) {
        return new TelegramUpdate(updateId, kind, Optional.empty(), chatId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), kind);
    }

    private static UpdateLedger.Contact contact(long chatId, JsonNode chat, JsonNode from) {
        JsonNode who = from.isObject() ? from : chat;
        String firstName = text(who.path("first_name"), NAME_MAX).or(() -> text(chat.path("first_name"), NAME_MAX)).orElse("");
        String chatType = text(chat.path("type"), CHAT_TYPE_MAX).orElse("private");
        return new UpdateLedger.Contact(Long.toString(chatId), chatType, firstName,
                text(who.path("username"), USERNAME_MAX).orElse(""), text(who.path("language_code"), LANGUAGE_MAX).orElse(""));
    }

    /** A string field, cleaned and bounded; a field of another JSON type counts as absent. */
    private static Optional<String> text(JsonNode node, int max) {
        return node.isTextual() ? Optional.of(TelegramText.clean(node.textValue(), max)) : Optional.empty();
    }

    private static String contentType(JsonNode message) {
        for (String t : new String[] {"text", "photo", "video", "document", "sticker", "voice", "audio", "animation", "location", "contact"}) {
            if (message.has(t)) {
                return t;
            }
        }
        return "other";
    }
}
