package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.shared.time.Timestamps;
import io.botfleet.subscribers.InMemorySubscriberStore;
import io.botfleet.subscribers.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Audiences read from the in-memory subscribers table as DynamoAudiencePager reads the {@code byStatus} index: a
 * bot's active subscribers in the order of {@code joinedKey = <joinedAt>#<chatId>}, joined-between on that key (both
 * ends included), active-since on {@code lastSeenAt} at the hour precision the webhook keeps it in, and the other
 * conditions applied after the limit (a page may hold fewer chats than the limit, even none, and still have a next
 * page).
 */
public final class InMemoryAudiencePager implements AudiencePager {
    private final InMemorySubscriberStore subscribers;
    private int pages;

    public InMemoryAudiencePager(InMemorySubscriberStore subscribers) {
        this.subscribers = subscribers;
    }

    /** How many pages were read. */
    public synchronized int pages() {
        return pages;
    }

    @Override
    public synchronized Page page(String botId, AudienceFilter filter, String cursor, int limit) {
        pages++;
        String from = filter.joinedFrom() == null ? "0" : Timestamps.iso(filter.joinedFrom());
        String to = filter.joinedTo() == null ? "9" : Timestamps.iso(filter.joinedTo()) + "#~";
        var index = subscribers.byStatus(botId, Subscriber.ACTIVE).subMap(from, true, to, true);
        var after = cursor == null ? index : index.tailMap(cursor, false);
        List<Long> chats = new ArrayList<>();
        String last = null;
        int read = 0;
        for (Map.Entry<String, Subscriber> e : after.entrySet()) {
            if (read++ == limit) {
                return new Page(chats, last);
            }
            last = e.getKey();
            if (matches(e.getValue(), filter)) {
                chats.add(Long.parseLong(e.getValue().chatId()));
            }
        }
        return new Page(chats, read == limit ? last : null);
    }

    private static boolean matches(Subscriber s, AudienceFilter filter) {
        return (filter.languages().isEmpty() || filter.languages().contains(s.language()))
                && (filter.sources().isEmpty() || filter.sources().contains(s.source()))
                && (filter.tags().isEmpty() || filter.tags().stream().anyMatch(s.tags()::contains))
                && (filter.activeSince() == null || s.lastSeenAt().map(Timestamps::iso)
                        .filter(seen -> seen.compareTo(Timestamps.isoHour(filter.activeSince())) >= 0).isPresent());
    }
}
