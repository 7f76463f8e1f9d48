package io.botfleet.analytics;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The stats store in memory, for unit tests of the aggregator and the query. */
final class InMemoryStatsStore implements StatsStore {
    final Map<SeenKey, Seen> seen = new HashMap<>();
    final Map<BucketKey, Map<Metric, Long>> counters = new HashMap<>();
    final Map<String, Map<Instant, Set<String>>> active = new HashMap<>();
    int commits;
    /** Calls of {@link #add}: adds without a transaction. */
    int adds;
    /** Versions bumped behind the aggregator's back before its next commits: simulates a concurrent invocation. */
    int conflictsToSimulate;

    @Override
    public synchronized Map<SeenKey, Seen> seen(Collection<SeenKey> keys) {
        Map<SeenKey, Seen> out = new HashMap<>();
        keys.forEach(k -> {
            if (seen.containsKey(k)) {
                out.put(k, seen.get(k));
            }
        });
        return out;
    }

    @Override
    public synchronized boolean commit(Commit commit) {
        if (conflictsToSimulate > 0) {
            conflictsToSimulate--;
            return false;
        }
        for (Claim claim : commit.claims()) {
            if (seen.getOrDefault(claim.key(), Seen.NONE).version() != claim.expectedVersion()) {
                return false;
            }
        }
        commits++;
        for (Claim claim : commit.claims()) {
            Set<String> ids = new HashSet<>(seen.getOrDefault(claim.key(), Seen.NONE).ids());
            ids.addAll(claim.ids());
            seen.put(claim.key(), new Seen(ids, claim.expectedVersion() + 1));
        }
        commit.adds().forEach(this::addCounts);
        return true;
    }

    @Override
    public synchronized void add(Map<BucketKey, Map<Metric, Long>> adds) {
        this.adds++;
        adds.forEach(this::addCounts);
    }

    private void addCounts(BucketKey bucket, Map<Metric, Long> counts) {
        counts.forEach((metric, n) -> counters.computeIfAbsent(bucket, k -> new EnumMap<>(Metric.class)).merge(metric, n, Long::sum));
    }

    @Override
    public synchronized void addActiveChats(String botId, Instant day, Set<String> chatIds) {
        active.computeIfAbsent(botId, k -> new HashMap<>()).computeIfAbsent(day, k -> new HashSet<>()).addAll(chatIds);
    }

    @Override
    public synchronized Map<Instant, Map<Metric, Long>> counters(String botId, Granularity granularity, Instant from, Instant to) {
        Map<Instant, Map<Metric, Long>> out = new TreeMap<>();
        counters.forEach((k, v) -> {
            if (k.botId().equals(botId) && k.granularity() == granularity && !k.start().isBefore(from) && k.start().isBefore(to)) {
                out.put(k.start(), Map.copyOf(v));
            }
        });
        return out;
    }

    @Override
    public synchronized DailyActive activeChats(String botId, Instant fromDay, Instant toDay) {
        Map<Instant, Long> out = new TreeMap<>();
        active.getOrDefault(botId, Map.of()).forEach((day, chats) -> {
            if (!day.isBefore(fromDay) && day.isBefore(toDay)) {
                out.put(day, (long) chats.size());
            }
        });
        return new DailyActive(out, Set.of());
    }

    long count(String botId, Granularity granularity, String start, Metric metric) {
        return counters.getOrDefault(new BucketKey(botId, granularity, Instant.parse(start)), Map.of()).getOrDefault(metric, 0L);
    }
}
