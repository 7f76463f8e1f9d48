package io.botfleet.subscribers;

import io.botfleet.shared.paging.Page;
import io.botfleet.shared.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The subscribers table in memory, read and counted as DynamoSubscriberStore reads and counts it: a listing of every
 * status in chat-id order, or of one status in join order (the {@code byStatus} index), with its conditions applied
 * to each DynamoDB page after the limit, within the same {@link DynamoSubscriberStore.ReadBudget}; per-bot
 * counters that move with every status change. Subscribers come in as the webhook writes them ({@link #add}: last
 * seen to the hour) and change state as the sender records Telegram's answers ({@link #change}).
 */
public final class InMemorySubscriberStore implements SubscriberStore {
    private static final String CHAT = "chatId";
    private static final String JOINED = "joinedKey";

    private final Map<String, TreeMap<String, Subscriber>> byBot = new HashMap<>();
    private final Map<String, Map<String, Long>> counters = new HashMap<>();
    private final DynamoSubscriberStore.ReadBudget budget;

    public InMemorySubscriberStore() {
        this(DynamoSubscriberStore.ReadBudget.DEFAULT);
    }

    public InMemorySubscriberStore(DynamoSubscriberStore.ReadBudget budget) {
        this.budget = budget;
    }

    /** A subscriber the webhook recorded; counted under its status. */
    public synchronized void add(Subscriber s) {
        Subscriber stored = new Subscriber(s.botId(), s.chatId(), s.status(), s.chatType(), s.firstName(), s.username(),
                s.language(), s.tags(), s.source(), s.joinedAt(), s.lastSeenAt().map(InMemorySubscriberStore::toTheHour),
                s.blockedAt());
        Subscriber old = chats(s.botId()).put(s.chatId(), stored);
        if (old != null) {
            count(s.botId(), old.status(), -1);
        } else {
            count(s.botId(), "total", 1);
        }
        count(s.botId(), s.status(), 1);
    }

    private static Instant toTheHour(Instant t) {
        return Instant.parse(Timestamps.isoHour(t));
    }

    /**
     * Replaces a subscriber with {@code change} of it while it has status {@code expected}, moving the counters;
     * the result may have another chat id (a group that became a supergroup). False when it is not there with that
     * status.
     */
    public synchronized boolean change(String botId, String chatId, String expected, UnaryOperator<Subscriber> change) {
        Subscriber old = chats(botId).get(chatId);
        if (old == null || !old.status().equals(expected)) {
            return false;
        }
        Subscriber changed = change.apply(old);
        chats(botId).remove(chatId);
        chats(botId).put(changed.chatId(), changed);
        count(botId, old.status(), -1);
        count(botId, changed.status(), 1);
        return true;
    }

    private TreeMap<String, Subscriber> chats(String botId) {
        return byBot.computeIfAbsent(botId, id -> new TreeMap<>());
    }

    private void count(String botId, String name, long by) {
        counters.computeIfAbsent(botId, id -> new HashMap<>()).merge(name, by, Long::sum);
    }

    /** A bot's subscribers of {@code status} in join order, as the {@code byStatus} index holds them. */
    public synchronized TreeMap<String, Subscriber> byStatus(String botId, String status) {
        TreeMap<String, Subscriber> index = new TreeMap<>();
        chats(botId).values().stream().filter(s -> s.status().equals(status)).forEach(s -> index.put(joinedKey(s), s));
        return index;
    }

    private static String joinedKey(Subscriber s) {
        return Timestamps.iso(s.joinedAt()) + "#" + s.chatId();
    }

    @Override
    public synchronized Page<Subscriber> page(String botId, SubscriberQuery q, Optional<Map<String, String>> startKey) {
        TreeMap<String, Subscriber> keys;
        String keyName;
        if (q.status().isPresent()) {
            String from = q.joinedFrom().map(Timestamps::iso).orElse("0");
            String to = q.joinedTo().map(Timestamps::iso).orElse("9") + "#~";
            keys = new TreeMap<>(byStatus(botId, q.status().get()).subMap(from, true, to, true));
            keyName = JOINED;
        } else {
            keys = new TreeMap<>(chats(botId));
            keyName = CHAT;
        }
        List<Subscriber> items = new ArrayList<>();
        String last = startKey.map(k -> k.get(keyName)).orElse(null);
        int queries = 0;
        do {
            var rest = last == null ? keys : keys.tailMap(last, false);
            int wanted = q.limit() - items.size();
            int limit = filtered(q) ? Math.max(wanted, budget.filteredRead()) : wanted;
            int read = 0;
            for (Map.Entry<String, Subscriber> e : rest.entrySet()) {
                if (read == limit || items.size() == q.limit()) { // a full page ends the query where its last item is
                    break;
                }
                read++;
                last = e.getKey();
                if (matches(e.getValue(), q)) {
                    items.add(e.getValue());
                }
            }
            if (read < limit && items.size() < q.limit()) {
                last = null;
            }
            queries++;
        } while (last != null && items.size() < q.limit() && queries < budget.queries());
        String lastKey = last;
        return new Page<>(items, Optional.ofNullable(lastKey).map(k -> Map.of(keyName, k)));
    }

    /** Whether DynamoDB would apply a filter expression (not only a key condition) to this listing. */
    private static boolean filtered(SubscriberQuery q) {
        return q.language().isPresent() || q.tag().isPresent() || q.lastActiveAfter().isPresent() || q.text().isPresent()
                || (q.status().isEmpty() && (q.joinedFrom().isPresent() || q.joinedTo().isPresent()));
    }

    private static boolean matches(Subscriber s, SubscriberQuery q) {
        String joinedAt = Timestamps.iso(s.joinedAt());
        boolean joined = q.status().isPresent()
                || (q.joinedFrom().map(f -> joinedAt.compareTo(Timestamps.iso(f)) >= 0).orElse(true)
                && q.joinedTo().map(t -> joinedAt.compareTo(Timestamps.iso(t)) <= 0).orElse(true));
        return joined
                && q.language().map(l -> l.equals(s.language())).orElse(true)
                && q.tag().map(s.tags()::contains).orElse(true)
                && q.lastActiveAfter().map(t -> s.lastSeenAt().map(Timestamps::iso)
                        .filter(seen -> seen.compareTo(Timestamps.isoHour(t)) >= 0).isPresent()).orElse(true)
                && q.text().map(t -> contains(s.firstName(), t) || contains(s.username(), t)).orElse(true);
    }

    private static boolean contains(String value, String part) {
        return value != null && value.contains(part);
    }

    @Override
    public synchronized Optional<Subscriber> get(String botId, String chatId) {
        return Optional.ofNullable(chats(botId).get(chatId));
    }

    @Override
    public synchronized SubscriberCounts counts(String botId) {
        Map<String, Long> c = counters.getOrDefault(botId, Map.of());
        return new SubscriberCounts(c.getOrDefault(Subscriber.ACTIVE, 0L), c.getOrDefault(Subscriber.BLOCKED, 0L),
                c.getOrDefault(Subscriber.LEFT, 0L), c.getOrDefault(Subscriber.KICKED, 0L),
                c.getOrDefault(Subscriber.DEACTIVATED, 0L), c.getOrDefault(Subscriber.NOT_STARTED, 0L),
                c.getOrDefault("total", 0L));
    }

    @Override
    public synchronized boolean changeTags(String botId, String chatId, Set<String> add, Set<String> remove) {
        Subscriber s = chats(botId).get(chatId);
        if (s == null) {
            return false;
        }
        Set<String> tags = new HashSet<>(s.tags());
        tags.addAll(add);
        tags.removeAll(remove);
        chats(botId).put(chatId, new Subscriber(botId, chatId, s.status(), s.chatType(), s.firstName(), s.username(),
                s.language(), tags, s.source(), s.joinedAt(), s.lastSeenAt(), s.blockedAt()));
        return true;
    }

    @Override
    public synchronized boolean delete(String botId, String chatId) {
        Subscriber s = chats(botId).remove(chatId);
        if (s == null) {
            return false;
        }
        count(botId, s.status(), -1);
        count(botId, "total", -1);
        return true;
    }

    @Override
    public synchronized void purge(String botId) {
        byBot.remove(botId);
        counters.remove(botId);
    }
}
