package io.botfleet.subscribers;

import io.botfleet.shared.paging.Page;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Subscribers of bots: queries, tags, counts and purge (the webhook's writes go through its own ledger). */
public interface SubscriberStore {

    /** One page; fewer than {@code limit} items only when the listing is exhausted or the scan budget ran out. */
    Page<Subscriber> page(String botId, SubscriberQuery query, Optional<Map<String, String>> startKey);

    Optional<Subscriber> get(String botId, String chatId);

    SubscriberCounts counts(String botId);

    /** The counts of these bots, read together for an overview (every bot present, zeros when it has none). */
    default Map<String, SubscriberCounts> counts(Collection<String> botIds) {
        Map<String, SubscriberCounts> found = new HashMap<>();
        botIds.forEach(id -> found.put(id, counts(id)));
        return found;
    }

    /** False when the chat is not a subscriber of the bot. */
    boolean changeTags(String botId, String chatId, Set<String> add, Set<String> remove);

    /**
     * Erases one subscriber and takes it off the counters, in one transaction. False when the chat is not a
     * subscriber of the bot. A later update from the same chat subscribes it anew.
     */
    boolean delete(String botId, String chatId);

    /** Deletes every subscriber and the counters of a bot. */
    void purge(String botId);
}
