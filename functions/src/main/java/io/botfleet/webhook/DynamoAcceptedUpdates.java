package io.botfleet.webhook;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.ownership.Fence;
import io.botfleet.shared.time.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The accepted-update item in the ephemeral table (data-model.md, "Accepted update"): the dedupe record of
 * {@code UPD#<botId>#<updateId>} carries everything the stream consumer needs, in short attribute names so that the
 * item stays far below 1 KB (one write unit): {@code receivedAt}, {@code owner} and {@code epoch} (the fence),
 * {@code chat}, {@code c} (the contact: {@code t} type, {@code f} first name, {@code u} username, {@code l} language),
 * {@code ev} (a list of {@code {t: type, a: attributes}}) and {@code rec} when the subscriber change was recorded by
 * the webhook itself.
 */
public final class DynamoAcceptedUpdates {
    static final String PREFIX = "UPD#";

    private DynamoAcceptedUpdates() {}

    static String key(String botId, long updateId) {
        return PREFIX + botId + "#" + updateId;
    }

    static Map<String, AttributeValue> item(AcceptedUpdate u, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(key(u.botId(), u.updateId())));
        item.put("expiresAt", n(expiresAt));
        item.put("receivedAt", s(Timestamps.iso(u.at())));
        item.put("owner", s(u.fence().ownerId()));
        item.put("epoch", n(u.fence().epoch()));
        if (!u.chatId().isEmpty()) {
            item.put("chat", s(u.chatId()));
        }
        u.contact().ifPresent(c -> {
            Map<String, AttributeValue> contact = new HashMap<>();
            contact.put("t", s(c.chatType()));
            contact.put("f", s(c.firstName()));
            putIfPresent(contact, "u", c.username());
            putIfPresent(contact, "l", c.language());
            item.put("c", AttributeValue.fromM(contact));
        });
        if (!u.events().isEmpty()) {
            List<AttributeValue> events = new ArrayList<>();
            for (AcceptedUpdate.Event e : u.events()) {
                Map<String, AttributeValue> event = new HashMap<>();
                event.put("t", s(e.type()));
                if (!e.attributes().isEmpty()) {
                    Map<String, AttributeValue> attributes = new HashMap<>();
                    e.attributes().forEach((k, v) -> attributes.put(k, s(v)));
                    event.put("a", AttributeValue.fromM(attributes));
                }
                events.add(AttributeValue.fromM(event));
            }
            item.put("ev", AttributeValue.fromL(events));
        }
        if (u.subscriberRecorded()) {
            item.put("rec", AttributeValue.fromBool(true));
        }
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String name, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(name, s(value));
        }
    }

    /** Whether a key is an accepted update's (the ephemeral table holds other items too). */
    public static boolean isAcceptedUpdate(Map<String, AttributeValue> keys) {
        AttributeValue pk = keys.get("pk");
        return pk != null && pk.s() != null && pk.s().startsWith(PREFIX);
    }

    /** The item read back from the table's stream; an item that is not one is refused naming the attribute. */
    public static AcceptedUpdate read(Map<String, AttributeValue> item) {
        String pk = string(item, "pk");
        String[] parts = pk.split("#", -1);
        if (parts.length != 3 || !parts[0].equals("UPD") || !parts[1].matches("\\d{1,20}") || !parts[2].matches("-?\\d{1,19}")) {
            throw new IllegalArgumentException("pk: not UPD#<botId>#<updateId>");
        }
        long updateId = parseLong(parts[2], "pk");
        Instant at;
        try {
            at = Instant.parse(string(item, "receivedAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("receivedAt: not an instant");
        }
        Fence fence = new Fence(parts[1], string(item, "owner"), parseLong(number(item, "epoch"), "epoch"));
        Optional<UpdateLedger.Contact> contact = Optional.ofNullable(item.get("c")).map(c -> {
            if (!c.hasM()) {
                throw new IllegalArgumentException("c: not a map");
            }
            Map<String, AttributeValue> m = c.m();
            return new UpdateLedger.Contact(string(item, "chat"), string(m, "t"), string(m, "f"), optional(m, "u"), optional(m, "l"));
        });
        List<AcceptedUpdate.Event> events = new ArrayList<>();
        AttributeValue ev = item.get("ev");
        if (ev != null) {
            if (!ev.hasL()) {
                throw new IllegalArgumentException("ev: not a list");
            }
            for (AttributeValue e : ev.l()) {
                if (!e.hasM()) {
                    throw new IllegalArgumentException("ev: an event is not a map");
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                AttributeValue a = e.m().get("a");
                if (a != null) {
                    if (!a.hasM()) {
                        throw new IllegalArgumentException("ev.a: not a map");
                    }
                    a.m().forEach((k, v) -> attributes.put(k, v.s() == null ? "" : v.s()));
                }
                events.add(new AcceptedUpdate.Event(string(e.m(), "t"), attributes));
            }
        }
        AttributeValue rec = item.get("rec");
        return new AcceptedUpdate(fence, updateId, at, Optional.ofNullable(optional(item, "chat")).orElse(""), contact, events,
                rec != null && Boolean.TRUE.equals(rec.bool()));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.s() == null) {
            throw new IllegalArgumentException(name + ": missing or not a string");
        }
        return v.s();
    }

    private static String optional(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static String number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) {
            throw new IllegalArgumentException(name + ": missing or not a number");
        }
        return v.n();
    }

    private static long parseLong(String text, String name) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a 64-bit integer");
        }
    }
}
