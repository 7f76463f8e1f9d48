package io.botfleet.subscribers;

import io.botfleet.shared.paging.Page;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reading and tagging a bot's subscribers. The broadcast planner pages an audience with
 * {@code page(botId, SubscriberQuery.status("active", 1000), cursor)}; exports walk every page with {@link #forEach}.
 */
public final class SubscriberBook {
    public static final int MAX_TAGS_PER_CALL = 20;
    public static final int MAX_BULK_CHATS = 100;

    private final SubscriberStore store;

    public SubscriberBook(SubscriberStore store) {
        this.store = store;
    }

    public Page<Subscriber> page(String botId, SubscriberQuery query, Optional<Map<String, String>> startKey) {
        return store.page(botId, query, startKey);
    }

    public boolean delete(String botId, String chatId) {
        return store.delete(botId, chatId);
    }

    public Optional<Subscriber> get(String botId, String chatId) {
        return store.get(botId, chatId);
    }

    public SubscriberCounts counts(String botId) {
        return store.counts(botId);
    }

    public Map<String, SubscriberCounts> counts(Collection<String> botIds) {
        return store.counts(botIds);
    }

    /** Visits every subscriber matching {@code query}, page by page; returns where it stopped if {@code maxRows} was hit. */
    public Optional<Map<String, String>> forEach(String botId, SubscriberQuery query, Optional<Map<String, String>> from,
                                                 long maxRows, Consumer<Subscriber> visitor) {
        Optional<Map<String, String>> start = from;
        long rows = 0;
        do {
            Page<Subscriber> page = store.page(botId, query, start);
            page.items().forEach(visitor);
            rows += page.items().size();
            start = page.lastKey();
        } while (start.isPresent() && rows < maxRows);
        return start;
    }

    public boolean changeTags(String botId, String chatId, Set<String> add, Set<String> remove) {
        return store.changeTags(botId, chatId, add, remove);
    }

    /** Number of chats changed (unknown chats are skipped). */
    public int changeTags(String botId, Set<String> chatIds, Set<String> add, Set<String> remove) {
        int changed = 0;
        for (String chatId : chatIds) {
            if (store.changeTags(botId, chatId, add, remove)) {
                changed++;
            }
        }
        return changed;
    }

    public void purge(String botId) {
        store.purge(botId);
    }
}
