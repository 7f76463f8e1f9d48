package io.botfleet.clicks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The clicks on a campaign's tracked links and buttons: one counter per (link, recipient). */
public interface ClickLedger {

    /**
     * Counts a click, in one write.
     *
     * @return true when it is this recipient's first click on this link (a unique click)
     */
    boolean record(ClickTarget target, Instant at);

    /** Every click of a campaign, in total and by day (UTC). */
    ClickTotals totals(String campaignId);

    /** {@code unique}: recipient-link pairs clicked at least once; {@code total}: every click. */
    record DayClicks(long unique, long total) {}

    /** A campaign's clicks; by day, a unique click counts on the day of the recipient's first click on that link. */
    record ClickTotals(long unique, long total, SortedMap<LocalDate, DayClicks> byDay) {
        public static final ClickTotals NONE = new ClickTotals(0, 0, new TreeMap<>());

        public ClickTotals {
            byDay = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byDay));
        }

        /** Adds up per-item counts: each item is one (link, recipient) with its first day and clicks per day. */
        public static ClickTotals of(Iterable<Map.Entry<LocalDate, Map<LocalDate, Long>>> items) {
            long unique = 0;
            long total = 0;
            TreeMap<LocalDate, long[]> days = new TreeMap<>();
            for (var item : items) {
                unique++;
                days.computeIfAbsent(item.getKey(), d -> new long[2])[0]++;
                for (var day : item.getValue().entrySet()) {
                    total += day.getValue();
                    days.computeIfAbsent(day.getKey(), d -> new long[2])[1] += day.getValue();
                }
            }
            TreeMap<LocalDate, DayClicks> byDay = new TreeMap<>();
            days.forEach((d, c) -> byDay.put(d, new DayClicks(c[0], c[1])));
            return new ClickTotals(unique, total, byDay);
        }
    }
}
