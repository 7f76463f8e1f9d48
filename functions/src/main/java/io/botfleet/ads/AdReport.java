package io.botfleet.ads;

import java.time.LocalDate;
import java.util.List;

/**
 * What an advertiser paid for: the campaign's delivery, clicks and spend, in total and by day (UTC). {@code ctr} is
 * unique clicks / delivered. Daily spend adds up to the total: for CPM each day is the growth of the rounded-down
 * cumulative spend; for CPC the day's unique clicks × price; a flat price falls on the day the campaign started.
 */
public record AdReport(AdOrder order, Figures total, List<Day> days) {

    public record Figures(long delivered, long blocked, long uniqueClicks, long totalClicks, double ctr, long spend) {}

    public record Day(LocalDate day, Figures figures) {}

    static double ctr(long uniqueClicks, long delivered) {
        return delivered == 0 ? 0 : Math.round(uniqueClicks * 10_000.0 / delivered) / 10_000.0;
    }
}
