package io.botfleet.broadcast.campaign;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * When a campaign starts by itself: once at {@code at}, or at every occurrence of the AWS cron expression {@code cron}
 * until {@code endDate}; both read as wall-clock times of the IANA zone {@code timeZone}, as EventBridge Scheduler
 * reads them. A recurring campaign is a series: each occurrence starts a run of its own (a copy naming the series).
 *
 * @param due the next occurrence not started yet (what the sweep looks for when a trigger is missed); null once a
 *            series has no occurrence left
 */
public record CampaignSchedule(LocalDateTime at, String cron, String timeZone, Instant endDate, Instant due) {

    public boolean recurring() {
        return cron != null;
    }

    public CampaignSchedule withDue(Instant next) {
        return new CampaignSchedule(at, cron, timeZone, endDate, next);
    }
}
