package io.botfleet.ads;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Per-day delivery counters in memory, added to as the senders' counting writes add them. */
public final class InMemoryDailyDeliveries implements DailyDeliveries {
    private final Map<String, SortedMap<LocalDate, Day>> days = new HashMap<>();

    public synchronized void add(String campaignId, LocalDate day, long delivered, long blocked) {
        days.computeIfAbsent(campaignId, c -> new TreeMap<>())
                .merge(day, new Day(delivered, blocked), (a, b) -> new Day(a.delivered() + b.delivered(), a.blocked() + b.blocked()));
    }

    @Override
    public synchronized SortedMap<LocalDate, Day> byDay(String campaignId) {
        return new TreeMap<>(days.getOrDefault(campaignId, new TreeMap<>()));
    }
}
