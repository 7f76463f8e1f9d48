package io.botfleet.webhook;

import static io.botfleet.webhook.TelegramUpdate.CALLBACK_MAX;
import static io.botfleet.webhook.TelegramUpdate.CHAT_TYPE_MAX;
import static io.botfleet.webhook.TelegramUpdate.COMMAND_MAX;
import static io.botfleet.webhook.TelegramUpdate.KIND_MAX;
import static io.botfleet.webhook.TelegramUpdate.LANGUAGE_MAX;
import static io.botfleet.webhook.TelegramUpdate.NAME_MAX;
import static io.botfleet.webhook.TelegramUpdate.USERNAME_MAX;

import io.botfleet.shared.json.JsonObjects;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.webhook.TelegramUpdate.Parsed;
import io.botfleet.webhook.TelegramUpdate.Refused;
import io.botfleet.webhook.TelegramUpdate.Valid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.json.JSONObject;

/**
 * The one place where Telegram's update JSON becomes domain values: read as a tree, without binding the whole Update
 * type, taking only the facts the platform acts on.
 */
public final class TelegramUpdateJson implements UpdateReader {
    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Override
    public Parsed read(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JSONObject json;
        try {
            json = JsonObjects.parse(text);
        } catch (IOException e) {
            // what does not even start as an object is refused as such, whatever it is
            return new Refused(OptionalLong.empty(), text.stripLeading().startsWith("{") ? "body is not JSON" : "body is not a JSON object");
        }
        return parse(json);
    }

    static Parsed parse(JSONObject json) {
        OptionalLong id = JsonObjects.integer(json, "update_id");
        if (id.isEmpty()) {
            return new Refused(OptionalLong.empty(), "update_id is missing or not an integer");
        }
        long updateId = id.getAsLong();
        if (json.has("message") || json.has("edited_message")) {
            String kind = json.has("message") ? "message" : "edited_message";
            JSONObject m = JsonObjects.object(json, kind);
            JSONObject chat = JsonObjects.object(m, "chat");
            OptionalLong chatId = telegramId(chat);
            if (chatId.isEmpty()) {
                return notAnId(updateId, kind + ".chat.id");
            }
            boolean isPrivate = isPrivate(chat);
            Optional<UpdateLedger.Contact> contact = isPrivate ? Optional.of(contact(chatId.getAsLong(), chat, m.opt("from"))) : Optional.empty();
            Optional<String> command = Optional.empty();
            Optional<String> payload = Optional.empty();
            Optional<String> status = Optional.empty();
            String text = JsonObjects.text(m, "text").orElse("");
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
            JSONObject q = JsonObjects.object(json, "callback_query");
            JSONObject message = q.optJSONObject("message");
            JSONObject chat = message != null ? message.optJSONObject("chat") : null;
            JSONObject chatOrUser = chat == null ? JsonObjects.object(q, "from") : chat;
            OptionalLong chatId = telegramId(chatOrUser);
            if (chatId.isEmpty()) {
                return notAnId(updateId, chat == null ? "callback_query.from.id" : "callback_query.message.chat.id");
            }
            boolean isPrivate = chat == null || isPrivate(chat);
            Optional<UpdateLedger.Contact> contact = isPrivate
                    ? Optional.of(contact(chatId.getAsLong(), chatOrUser, q.opt("from"))) : Optional.empty();
            return new Valid(new TelegramUpdate(updateId, "callback_query", contact, Long.toString(chatId.getAsLong()),
                    Optional.empty(), Optional.empty(), Optional.empty(),
                    text(q, "id", CALLBACK_MAX), text(q, "data", CALLBACK_MAX), "callback"));
        }
        if (json.has("my_chat_member")) {
            JSONObject u = JsonObjects.object(json, "my_chat_member");
            JSONObject chat = JsonObjects.object(u, "chat");
            OptionalLong chatId = telegramId(chat);
            if (chatId.isEmpty()) {
                return notAnId(updateId, "my_chat_member.chat.id");
            }
            if (!isPrivate(chat)) {
                return new Valid(other(updateId, "my_chat_member", Long.toString(chatId.getAsLong())));
            }
            String status = switch (JsonObjects.text(JsonObjects.object(u, "new_chat_member"), "status").orElse("")) {
                case "kicked" -> Subscriber.BLOCKED;
                case "member", "administrator", "creator" -> Subscriber.ACTIVE;
                case "left" -> Subscriber.LEFT;
                default -> null;
            };
            return new Valid(new TelegramUpdate(updateId, "my_chat_member", Optional.of(contact(chatId.getAsLong(), chat, u.opt("from"))),
                    Long.toString(chatId.getAsLong()), Optional.empty(), Optional.empty(), Optional.ofNullable(status),
                    Optional.empty(), Optional.empty(), "status"));
        }
        // an update has update_id and one other field, its kind
        String kind = json.keySet().stream().filter(n -> !n.equals("update_id")).findFirst()
                .map(n -> TelegramText.clean(n, KIND_MAX)).orElse("other");
        return new Valid(other(updateId, kind, ""));
    }

    /**
     * Telegram's ids are non-zero 64-bit integers and arrive as JSON integers; anything else (a string, {@code 1e30}, a
     * number beyond 64 bits) would be stored as a key that the planner cannot turn back into a chat to send to.
     */
    static OptionalLong telegramId(JSONObject chatOrUser) {
        OptionalLong id = JsonObjects.integer(chatOrUser, "id");
        return id.isPresent() && id.getAsLong() != 0 ? id : OptionalLong.empty();
    }

    private static boolean isPrivate(JSONObject chat) {
        return JsonObjects.text(chat, "type").filter("private"::equals).isPresent();
    }

    private static Refused notAnId(long updateId, String field) {
        return new Refused(OptionalLong.of(updateId), field + " is missing or not a Telegram id");
    }

    private static TelegramUpdate other(long updateId, String kind, String chatId) {
        return new TelegramUpdate(updateId, kind, Optional.empty(), chatId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), kind);
    }

    /** {@code from} is the sender when it is an object; a private chat's own fields stand in for it otherwise. */
    private static UpdateLedger.Contact contact(long chatId, JSONObject chat, Object from) {
        JSONObject who = from instanceof JSONObject user ? user : chat;
        String firstName = text(who, "first_name", NAME_MAX).or(() -> text(chat, "first_name", NAME_MAX)).orElse("");
        String chatType = text(chat, "type", CHAT_TYPE_MAX).orElse("private");
        return new UpdateLedger.Contact(Long.toString(chatId), chatType, firstName,
                text(who, "username", USERNAME_MAX).orElse(""), text(who, "language_code", LANGUAGE_MAX).orElse(""));
    }

    /** A string field, cleaned and bounded; a field of another JSON type counts as absent. */
    private static Optional<String> text(JSONObject parent, String name, int max) {
        return JsonObjects.text(parent, name).map(t -> TelegramText.clean(t, max));
    }

    private static String contentType(JSONObject message) {
        for (String t : new String[] {"text", "photo", "video", "document", "sticker", "voice", "audio", "animation", "location", "contact"}) {
            if (message.has(t)) {
                return t;
            }
        }
        return "other";
    }
}
