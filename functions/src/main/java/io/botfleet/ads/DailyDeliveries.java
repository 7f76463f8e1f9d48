package io.botfleet.ads;

import java.time.LocalDate;
import java.util.SortedMap;

/** A campaign's delivery outcomes by the day (UTC) the sender counted them. */
public interface DailyDeliveries {

    SortedMap<LocalDate, Day> byDay(String campaignId);

    record Day(long delivered, long blocked) {}
}
