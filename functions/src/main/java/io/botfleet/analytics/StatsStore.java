package io.botfleet.analytics;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where per-bot counters live: counters per hour and day bucket, the dedupe records of counted events, and the
 * distinct chats active per day.
 */
public interface StatsStore {

    /** A dedupe record: the events of one bot, one hour and a run of {@link StatsAggregator#UPDATES_PER_RECORD} updates. */
    record SeenKey(String botId, Instant hour, long part) {}

    /** The events a dedupe record has counted, and its version (0 when it does not exist yet). */
    record Seen(Set<String> ids, long version) {
        public static final Seen NONE = new Seen(Set.of(), 0);
    }

    /** Adds {@code ids} to a dedupe record, provided nobody changed it since it was read at {@code expectedVersion}. */
    record Claim(SeenKey key, long expectedVersion, Set<String> ids) {}

    record BucketKey(String botId, Granularity granularity, Instant start) {}

    /** Claims and the counter adds of the events they claim: written all or nothing. */
    record Commit(List<Claim> claims, Map<BucketKey, Map<Metric, Long>> adds) {
        public int items() {
            return claims.size() + adds.size();
        }
    }

    /** Distinct active chats per day; a lower bound on the days the store's bound was reached. */
    record DailyActive(Map<Instant, Long> byDay, Set<Instant> lowerBound) {}

    Map<SeenKey, Seen> seen(Collection<SeenKey> keys);

    /** {@code false} when a claimed record moved since it was read: nothing was written. */
    boolean commit(Commit commit);

    /**
     * Adds counts to buckets one bucket at a time, not all or nothing: for counts that are at most once anyway, which
     * a transaction would bill twice.
     */
    void add(Map<BucketKey, Map<Metric, Long>> adds);

    /** Adds chats to a day's active set; adding a chat twice changes nothing. */
    void addActiveChats(String botId, Instant day, Set<String> chatIds);

    /** The stored counters of buckets starting in [from, to). */
    Map<Instant, Map<Metric, Long>> counters(String botId, Granularity granularity, Instant from, Instant to);

    DailyActive activeChats(String botId, Instant fromDay, Instant toDay);
}
