package io.botfleet.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Counters} in memory, expiring as {@link DynamoCounters} reads them: a counter past its expiry is gone, and a
 * failure recorded after it starts over at one.
 */
public final class InMemoryCounters implements Counters {
    private record Counter(long count, Instant last, long expiresAtSecond) {}

    private final Map<String, Counter> counters = new HashMap<>();

    @Override
    public synchronized long increment(String key, Instant expiresAt) {
        Counter c = counters.merge(key, new Counter(1, null, expiresAt.getEpochSecond()),
                (old, one) -> new Counter(old.count() + 1, old.last(), old.expiresAtSecond()));
        return c.count();
    }

    @Override
    public synchronized Optional<Failures> failures(String key, Instant now) {
        Counter c = counters.get(key);
        return c == null || c.last() == null || c.expiresAtSecond() <= now.getEpochSecond() ? Optional.empty()
                : Optional.of(new Failures(c.count(), c.last()));
    }

    @Override
    public synchronized Failures recordFailure(String key, Instant now, Instant expiresAt) {
        long previous = failures(key, now).map(Failures::count).orElse(0L);
        counters.put(key, new Counter(previous + 1, now, expiresAt.getEpochSecond()));
        return new Failures(previous + 1, now);
    }

    @Override
    public synchronized void clear(String key) {
        counters.remove(key);
    }
}
