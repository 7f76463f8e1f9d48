package io.botfleet.webhook;

import io.botfleet.ownership.Fence;
import io.botfleet.shared.time.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An update the webhook accepted, as its one ledger item holds it for the stream consumer: the fence it was accepted
 * under, the private chat it came from, its events (type and attributes; ids, bot, chat and time follow from the
 * update) and whether its subscriber change was already recorded with it (a status change, written in a fenced
 * transaction by the webhook) or is still the consumer's to make (an ordinary update: names, last seen, first contact).
 */
public record AcceptedUpdate(Fence fence, long updateId, Instant at, String chatId, Optional<UpdateLedger.Contact> contact,
                             List<Event> events, boolean subscriberRecorded) {

    /** One event of the update without what the update says already. */
    public record Event(String type, Map<String, String> attributes) {}

    public AcceptedUpdate {
        events = List.copyOf(events);
    }

    public String botId() {
        return fence.botId();
    }

    public static List<Event> compact(List<BotEvent> events) {
        return events.stream().map(e -> new Event(e.type(), e.attributes() == null ? Map.of() : e.attributes())).toList();
    }

    /** The update's events as the aggregator counts them. */
    public List<BotEvent> botEvents() {
        String iso = Timestamps.iso(at);
        return events.stream().map(e -> BotEvent.of(e.type(), botId(), chatId, iso, updateId, e.attributes())).toList();
    }
}
