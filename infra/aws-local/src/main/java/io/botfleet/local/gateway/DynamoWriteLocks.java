package io.botfleet.local.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per table for DynamoDB writes: moto checks a condition and writes without isolation, so two concurrent
 * conditional writes can both succeed (and concurrent transactions fail with 500). Holding the table's lock for the
 * whole call to moto makes its read-check-write atomic, as on DynamoDB. A request writing several tables takes
 * their locks in name order, so two such requests cannot deadlock. Reads take no lock.
 */
final class DynamoWriteLocks {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Held locks; closing releases them. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held lock(Collection<String> tables) {
        List<ReentrantLock> ordered = new TreeSet<>(tables).stream()
                .map(t -> locks.computeIfAbsent(t, k -> new ReentrantLock()))
                .toList();
        ordered.forEach(ReentrantLock::lock);
        return () -> ordered.reversed().forEach(ReentrantLock::unlock);
    }
}
