package io.botfleet.analytics;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the stats API can chart. Counted metrics are stored per bucket under {@code attribute}; derived ones are
 * computed from stored values when read. Dedupe records store the constants' numbers: add new ones at the end.
 */
public enum Metric {
    SUBSCRIBERS_JOINED("subscribers.joined", "joined", "subscriber.joined"),
    SUBSCRIBERS_LEFT("subscribers.left", "left", "subscriber.left"),
    SUBSCRIBERS_BLOCKED("subscribers.blocked", "blocked", "subscriber.blocked"),
    SUBSCRIBERS_UNBLOCKED("subscribers.unblocked", "unblocked", "subscriber.unblocked"),
    MESSAGES_RECEIVED("messages.received", "messages", "message.received"),
    BUTTONS_PRESSED("buttons.pressed", "buttons", "button.pressed"),
    /** Net subscriber change: joined − left − blocked + unblocked. */
    SUBSCRIBERS_NET("subscribers.net", null, null),
    /** Distinct chats that wrote (a message or a button) in a day; daily buckets only. */
    ACTIVE_USERS("users.active", null, null),
    /** Broadcast messages Telegram accepted, counted by the senders (see {@link StatsDeliveryObserver}). */
    DELIVERIES_SENT("deliveries.sent", "sent", null),
    /** Broadcast messages refused for good (blocked, deactivated, never started, kicked, chat not found, other 4xx). */
    DELIVERIES_FAILED("deliveries.failed", "failed", null);

    private final String id;
    private final String attribute;
    private final String eventType;

    Metric(String id, String attribute, String eventType) {
        this.id = id;
        this.attribute = attribute;
        this.eventType = eventType;
    }

    public String id() {
        return id;
    }

    /** The stored counter's name; {@code null} for derived metrics. */
    public String attribute() {
        return attribute;
    }

    public boolean counted() {
        return attribute != null;
    }

    public static Optional<Metric> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    /** The counter an event of {@code type} adds one to. */
    public static Optional<Metric> forEventType(String type) {
        return Arrays.stream(values()).filter(m -> m.eventType != null && m.eventType.equals(type)).findFirst();
    }

    public static java.util.List<Metric> counters() {
        return Arrays.stream(values()).filter(Metric::counted).toList();
    }
}
