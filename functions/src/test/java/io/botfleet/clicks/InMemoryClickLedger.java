package io.botfleet.clicks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The click ledger in memory: one counter per (campaign, link, chat), as the table keeps them. */
public final class InMemoryClickLedger implements ClickLedger {
    private record Item(LocalDate firstDay, Map<LocalDate, Long> days) {}

    private final Map<ClickTarget, Item> items = new LinkedHashMap<>();

    @Override
    public synchronized boolean record(ClickTarget target, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Item item = items.computeIfAbsent(target, t -> new Item(day, new LinkedHashMap<>()));
        item.days().merge(day, 1L, Long::sum);
        return item.days().values().stream().mapToLong(Long::longValue).sum() == 1;
    }

    @Override
    public synchronized ClickTotals totals(String campaignId) {
        List<Map.Entry<LocalDate, Map<LocalDate, Long>>> of = new ArrayList<>();
        items.forEach((t, item) -> {
            if (t.campaignId().equals(campaignId)) {
                of.add(Map.entry(item.firstDay(), Map.copyOf(item.days())));
            }
        });
        return ClickTotals.of(of);
    }
}
