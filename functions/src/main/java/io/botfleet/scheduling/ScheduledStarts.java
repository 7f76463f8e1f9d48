package io.botfleet.scheduling;

import java.time.Instant;

/** Asks for a scheduled campaign's start at one occurrence, the way its trigger does (through the start queue). */
public interface ScheduledStarts {
    void requestStart(String campaignId, Instant occurrence);
}
