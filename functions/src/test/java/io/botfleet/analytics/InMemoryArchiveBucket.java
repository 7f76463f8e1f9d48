package io.botfleet.analytics;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The archive bucket in memory; a key prefix can be made to fail its writes. */
final class InMemoryArchiveBucket implements ArchiveBucket {
    final Map<String, byte[]> objects = new TreeMap<>();
    final Set<String> failingPrefixes = new HashSet<>();
    int puts;

    @Override
    public synchronized void put(String key, byte[] body) {
        if (failingPrefixes.stream().anyMatch(key::startsWith)) {
            throw new IllegalStateException("write refused");
        }
        puts++;
        objects.put(key, body.clone());
    }

    @Override
    public synchronized List<String> keys(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public synchronized byte[] get(String key) {
        return objects.get(key).clone();
    }
}
