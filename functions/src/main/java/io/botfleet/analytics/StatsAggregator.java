package io.botfleet.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds a batch of events into per-bot counters. Per bot and day it writes one commit: the dedupe records of the
 * batch's new events and one counter add per (bucket, metric) — so a batch costs a handful of writes, not one per
 * event. An event already in its dedupe record (a redelivered message, the same event in two messages) is not counted
 * again; an event counts in the buckets of its own timestamp, however late it arrives.
 */
public final class StatsAggregator {
    private static final Logger log = LoggerFactory.getLogger(StatsAggregator.class);
    /**
     * Consecutive update ids sharing a dedupe record. Telegram numbers a bot's updates one after another and an
     * update makes at most two events, so a record holds at most about 1,000 ids of about 6 bytes: an update of it
     * costs at most about 6 write units, and a batch of consecutive updates touches one or two records.
     */
    public static final long UPDATES_PER_RECORD = 512;
    /** A transaction's limit. */
    static final int MAX_COMMIT_ITEMS = 100;
    static final int ATTEMPTS = 5;

    private final StatsStore store;

    public StatsAggregator(StatsStore store) {
        this.store = store;
    }

    /** The events of one queue message. */
    public record Delivery(String messageId, List<StatsEvent> events) {}

    /** Counts the deliveries' events; returns the ids of the messages whose events could not be counted (to retry). */
    public Set<String> aggregate(List<Delivery> deliveries) {
        Map<String, List<StatsEvent>> byBot = new LinkedHashMap<>();
        Map<String, Set<String>> messagesByBot = new HashMap<>();
        for (Delivery delivery : deliveries) {
            for (StatsEvent event : delivery.events()) {
                byBot.computeIfAbsent(event.botId(), k -> new ArrayList<>()).add(event);
                messagesByBot.computeIfAbsent(event.botId(), k -> new LinkedHashSet<>()).add(delivery.messageId());
            }
        }
        Set<String> failed = new LinkedHashSet<>();
        byBot.forEach((botId, events) -> {
            try {
                count(events);
            } catch (RuntimeException e) {
                log.error("counting {} events of bot {} failed; their messages are retried", events.size(), botId, e);
                failed.addAll(messagesByBot.get(botId));
            }
        });
        return failed;
    }

    private void count(List<StatsEvent> events) {
        Map<String, StatsEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.eventId(), e));
        // set unions: adding a chat again changes nothing, so these need no dedupe and may precede the commit
        Map<Instant, Set<String>> active = new TreeMap<>();
        unique.values().stream().filter(StatsEvent::activity)
                .forEach(e -> active.computeIfAbsent(Granularity.DAY.bucket(e.at()), k -> new LinkedHashSet<>()).add(e.chatId()));
        active.forEach((day, chats) -> store.addActiveChats(events.getFirst().botId(), day, chats));

        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Map<StatsStore.SeenKey, List<StatsEvent>> byRecord = new LinkedHashMap<>();
            unique.values().forEach(e -> byRecord.computeIfAbsent(seenKey(e), k -> new ArrayList<>()).add(e));
            Map<StatsStore.SeenKey, StatsStore.Seen> seen = store.seen(byRecord.keySet());
            boolean conflicted = false;
            for (StatsStore.Commit commit : commits(byRecord, seen)) {
                conflicted |= !store.commit(commit);
            }
            if (!conflicted) {
                return;
            }
            // another invocation counted events of the same records meanwhile: what this one committed is now
            // in its records, so reading them again leaves exactly what is still to count
        }
        throw new IllegalStateException("dedupe records kept changing for " + ATTEMPTS + " attempts");
    }

    static StatsStore.SeenKey seenKey(StatsEvent event) {
        return new StatsStore.SeenKey(event.botId(), Granularity.HOUR.bucket(event.at()), event.updateId() / UPDATES_PER_RECORD);
    }

    /** One commit per day (per hour if a day's would exceed a transaction), of the events not yet counted. */
    static List<StatsStore.Commit> commits(Map<StatsStore.SeenKey, List<StatsEvent>> byRecord,
                                           Map<StatsStore.SeenKey, StatsStore.Seen> seen) {
        Map<Instant, Map<Instant, Map<StatsStore.SeenKey, List<StatsEvent>>>> fresh = new TreeMap<>();
        byRecord.forEach((key, events) -> {
            StatsStore.Seen record = seen.getOrDefault(key, StatsStore.Seen.NONE);
            List<StatsEvent> uncounted = events.stream().filter(e -> !record.ids().contains(e.localId())).toList();
            if (!uncounted.isEmpty()) {
                fresh.computeIfAbsent(Granularity.DAY.bucket(key.hour()), k -> new TreeMap<>())
                        .computeIfAbsent(key.hour(), k -> new LinkedHashMap<>()).put(key, uncounted);
            }
        });
        List<StatsStore.Commit> commits = new ArrayList<>();
        fresh.values().forEach(hours -> {
            StatsStore.Commit day = commit(hours.values(), seen);
            if (day.items() <= MAX_COMMIT_ITEMS) {
                commits.add(day);
            } else {
                hours.values().forEach(hour -> commits.add(commit(List.of(hour), seen)));
            }
        });
        return commits;
    }

    private static StatsStore.Commit commit(Iterable<Map<StatsStore.SeenKey, List<StatsEvent>>> hours,
                                            Map<StatsStore.SeenKey, StatsStore.Seen> seen) {
        List<StatsStore.Claim> claims = new ArrayList<>();
        Map<StatsStore.BucketKey, Map<Metric, Long>> adds = new LinkedHashMap<>();
        for (Map<StatsStore.SeenKey, List<StatsEvent>> records : hours) {
            records.forEach((key, events) -> {
                Set<String> ids = new LinkedHashSet<>();
                for (StatsEvent event : events) {
                    ids.add(event.localId());
                    for (Granularity granularity : Granularity.values()) {
                        adds.computeIfAbsent(new StatsStore.BucketKey(event.botId(), granularity, granularity.bucket(event.at())),
                                k -> new java.util.EnumMap<>(Metric.class)).merge(event.metric(), 1L, Long::sum);
                    }
                }
                claims.add(new StatsStore.Claim(key, seen.getOrDefault(key, StatsStore.Seen.NONE).version(), ids));
            });
        }
        return new StatsStore.Commit(claims, adds);
    }
}
