package io.botfleet.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * A known stream of events-queue messages, as the webhook writes them, with the counters it must produce: duplicates
 * (a message delivered twice, an event in two messages) and an event that arrives a day late. Shared by the unit
 * test and the integration test so both check the same numbers.
 */
final class EventStream {
    static final String BOT = "7001";

    private EventStream() {}

    record Message(String messageId, String body) {}

    static String event(long updateId, String type, String chatId, String at) {
        return """
                {"eventId":"%s:%d:%s","type":"%s","botId":"%s","chatId":"%s","at":"%s","updateId":%d}"""
                .formatted(BOT, updateId, type, type, BOT, chatId, at, updateId);
    }

    static String body(String... events) {
        return "{\"v\":1,\"events\":[" + String.join(",", events) + "]}";
    }

    /** First delivery: two batches' worth of messages. */
    static List<Message> firstBatch() {
        List<Message> out = new ArrayList<>();
        out.add(new Message("m1", body(event(100, "subscriber.joined", "11", "2026-11-30T10:05:00Z"),
                event(100, "message.received", "11", "2026-11-30T10:05:00Z"))));
        out.add(new Message("m2", body(event(101, "subscriber.joined", "12", "2026-11-30T10:20:00Z"))));
        out.add(new Message("m3", body(event(102, "message.received", "12", "2026-11-30T11:01:00Z"))));
        out.add(new Message("m4", body(event(103, "button.pressed", "11", "2026-11-30T11:30:00Z"))));
        out.add(new Message("m5", body(event(104, "subscriber.blocked", "12", "2026-11-30T12:00:00Z"))));
        // the same event in a second message (the webhook retried its send)
        out.add(new Message("m6", body(event(103, "button.pressed", "11", "2026-11-30T11:30:00Z"))));
        return out;
    }

    /** Later: m2 delivered again, an event from the day before arriving late, and new ones. */
    static List<Message> secondBatch() {
        List<Message> out = new ArrayList<>();
        out.add(new Message("m2", body(event(101, "subscriber.joined", "12", "2026-11-30T10:20:00Z"))));
        out.add(new Message("m7", body(event(99, "message.received", "13", "2026-11-29T23:59:00Z"))));
        out.add(new Message("m8", body(event(105, "subscriber.unblocked", "12", "2026-11-30T13:00:00Z"),
                event(105, "message.received", "12", "2026-11-30T13:00:00Z"))));
        out.add(new Message("m9", body(event(106, "subscriber.left", "11", "2026-11-30T14:00:00Z"))));
        return out;
    }
}
