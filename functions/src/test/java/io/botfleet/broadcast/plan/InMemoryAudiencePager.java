package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.shared.time.Timestamps;
import io.botfleet.subscribers.Subscriber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Audiences in memory, read as DynamoAudiencePager reads the {@code byStatus} index: a bot's active subscribers in
 * the order of {@code joinedKey = <joinedAt>#<chatId>}, joined-between on that key (both ends included), active-since
 * on {@code lastSeenAt} at the hour precision the webhook keeps it in, and the other conditions applied after the
 * limit (a page may hold fewer chats than the limit, even none, and still have a next page). Subscribers change state
 * here too, so a refusal the sender records takes the chat out of later audiences.
 */
public final class InMemoryAudiencePager implements AudiencePager {

    private final Map<String, TreeMap<String, Subscriber>> byBot = new HashMap<>();
    private int pages;

    public synchronized void add(Subscriber subscriber) {
        byBot.computeIfAbsent(subscriber.botId(), id -> new TreeMap<>()).put(joinedKey(subscriber), subscriber);
    }

    public synchronized Optional<Subscriber> subscriber(String botId, long chatId) {
        return byBot.getOrDefault(botId, new TreeMap<>()).values().stream()
                .filter(s -> s.chatId().equals(Long.toString(chatId))).findFirst();
    }

    /** Replaces the subscriber known by {@code chatId} (its join time is kept, so is its place in the audience). */
    public synchronized void replace(String botId, long chatId, Subscriber changed) {
        subscriber(botId, chatId).ifPresent(old -> byBot.get(botId).remove(joinedKey(old)));
        add(changed);
    }

    public synchronized void remove(String botId, long chatId) {
        subscriber(botId, chatId).ifPresent(old -> byBot.get(botId).remove(joinedKey(old)));
    }

    /** How many pages were read. */
    public synchronized int pages() {
        return pages;
    }

    private static String joinedKey(Subscriber s) {
        return Timestamps.iso(s.joinedAt()) + "#" + s.chatId();
    }

    @Override
    public synchronized Page page(String botId, AudienceFilter filter, String cursor, int limit) {
        pages++;
        String from = filter.joinedFrom() == null ? "0" : Timestamps.iso(filter.joinedFrom());
        String to = filter.joinedTo() == null ? "9" : Timestamps.iso(filter.joinedTo()) + "#~";
        var index = byBot.getOrDefault(botId, new TreeMap<>()).subMap(from, true, to, true);
        var after = cursor == null ? index : index.tailMap(cursor, false);
        List<Long> chats = new ArrayList<>();
        String last = null;
        int read = 0;
        for (Map.Entry<String, Subscriber> e : after.entrySet()) {
            Subscriber s = e.getValue();
            if (!s.status().equals(Subscriber.ACTIVE)) {
                continue;
            }
            if (read++ == limit) {
                return new Page(chats, last);
            }
            last = e.getKey();
            if (matches(s, filter)) {
                chats.add(Long.parseLong(s.chatId()));
            }
        }
        return new Page(chats, read == limit ? last : null);
    }

    private static boolean matches(Subscriber s, AudienceFilter filter) {
        return (filter.languages().isEmpty() || filter.languages().contains(s.language()))
                && (filter.sources().isEmpty() || filter.sources().contains(s.source()))
                && (filter.tags().isEmpty() || filter.tags().stream().anyMatch(s.tags()::contains))
                && (filter.activeSince() == null || s.lastSeenAt().map(Timestamps::isoHour)
                        .filter(seen -> seen.compareTo(Timestamps.isoHour(filter.activeSince())) >= 0).isPresent());
    }
}
