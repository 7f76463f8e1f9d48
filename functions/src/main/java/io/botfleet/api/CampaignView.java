package io.botfleet.api;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignSchedule;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.scheduling.ScheduleRules;
import java.time.Instant;
import java.util.List;

/**
 * A campaign as the API shows it; {@code statusReason} says why the platform paused it (null otherwise). A scheduled
 * campaign shows its schedule and its next occurrences; a run of a recurring campaign names its series and occurrence.
 */
public record CampaignView(String id, String botId, String name, String status, String statusReason, long version, MessageContent content,
                    AudienceFilter audience, boolean paid, String deliveryPolicy, Instant createdAt, String createdBy,
                    Instant startedAt, Instant finishedAt, ScheduleView schedule, List<Instant> nextOccurrences,
                    String seriesId, Instant occurrence) {
    /** How many upcoming occurrences a view lists. */
    static final int OCCURRENCES_SHOWN = 5;

    /** A schedule as the API shows it: the wall-clock time or cron expression, in its zone. */
    public record ScheduleView(String at, String cron, String timeZone, Instant endDate, boolean recurring, Instant due) {
        static ScheduleView of(CampaignSchedule s) {
            return s == null ? null : new ScheduleView(s.at() == null ? null : s.at().toString(), s.cron(), s.timeZone(),
                    s.endDate(), s.recurring(), s.due());
        }
    }

    public static CampaignView of(Campaign c) {
        boolean waiting = c.status() == io.botfleet.broadcast.campaign.CampaignStatus.SCHEDULED;
        return new CampaignView(c.id(), c.botId(), c.name(), c.status().json(), c.statusReason(), c.version(), c.content(), c.audience(),
                c.paid(), c.policy().name().toLowerCase(java.util.Locale.ROOT), c.createdAt(), c.createdBy(),
                c.startedAt(), c.finishedAt(), ScheduleView.of(c.schedule()),
                waiting ? ScheduleRules.upcoming(c.schedule(), OCCURRENCES_SHOWN) : List.of(), c.seriesId(), c.occurrence());
    }
}
