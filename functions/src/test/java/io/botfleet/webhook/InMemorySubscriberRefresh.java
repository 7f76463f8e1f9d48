package io.botfleet.webhook;

import io.botfleet.ownership.Fence;
import io.botfleet.ownership.InMemoryLeaseStore;
import io.botfleet.shared.time.Timestamps;
import io.botfleet.subscribers.Subscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Subscribers and their counters in memory, with the Dynamo adapter's conditions; counts its writes. */
final class InMemorySubscriberRefresh implements SubscriberRefresh {
    private final InMemoryLeaseStore leases;
    final Map<String, Seen> subscribers = new HashMap<>();
    final Map<String, Long> active = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    RuntimeException failNextRefresh;
    /** Runs before a first contact's transaction (e.g. a lease moving meanwhile). */
    Runnable beforeJoin = () -> { };

    InMemorySubscriberRefresh(InMemoryLeaseStore leases) {
        this.leases = leases;
    }

    private static String key(String botId, String chatId) {
        return botId + "/" + chatId;
    }

    @Override
    public synchronized Map<String, Seen> read(String botId, Collection<String> chatIds) {
        Map<String, Seen> out = new HashMap<>();
        chatIds.forEach(c -> Optional.ofNullable(subscribers.get(key(botId, c))).ifPresent(s -> out.put(c, s)));
        return out;
    }

    @Override
    public synchronized void refresh(String botId, UpdateLedger.Contact contact, Instant at) {
        if (failNextRefresh != null) {
            RuntimeException e = failNextRefresh;
            failNextRefresh = null;
            throw e;
        }
        Seen s = subscribers.get(key(botId, contact.chatId()));
        if (s != null) {
            writes.add("refresh " + contact.chatId());
            subscribers.put(key(botId, contact.chatId()), new Seen(contact, Timestamps.isoHour(at), s.status(), s.statusUpdateId(),
                    s.previousStatus()));
        }
    }

    @Override
    public synchronized Join join(Fence fence, long updateId, UpdateLedger.Contact contact, Instant at, Optional<String> source) {
        beforeJoin.run();
        if (!leases.holds(fence)) {
            return Join.FENCED;
        }
        if (subscribers.containsKey(key(fence.botId(), contact.chatId()))) {
            return Join.EXISTS;
        }
        writes.add("join " + contact.chatId());
        subscribers.put(key(fence.botId(), contact.chatId()), new Seen(contact, Timestamps.isoHour(at), Subscriber.ACTIVE,
                OptionalLong.of(updateId), ""));
        active.merge(fence.botId(), 1L, Long::sum);
        return Join.JOINED;
    }
}
