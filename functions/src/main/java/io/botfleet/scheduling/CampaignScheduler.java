package io.botfleet.scheduling;

import io.botfleet.broadcast.CampaignService;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignSchedule;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.ScheduleRelease;
import io.botfleet.shared.errors.Refusal;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts campaigns on a schedule and takes them off: the campaign is {@code scheduled} with its schedule (a conditional
 * write on its version), then its trigger is created or moved. Should the trigger fail after the write, the sweep still
 * starts the campaign when it is overdue; a trigger left behind by a failed write finds nothing scheduled.
 */
public final class CampaignScheduler implements ScheduleRelease {
    private static final Logger log = LoggerFactory.getLogger(CampaignScheduler.class);

    private final CampaignStore store;
    private final ScheduleTriggers triggers;
    private final Clock clock;

    public CampaignScheduler(CampaignStore store, ScheduleTriggers triggers, Clock clock) {
        this.store = store;
        this.triggers = triggers;
        this.clock = clock;
    }

    /**
     * Schedules a draft, or moves a scheduled campaign (or series) to a new schedule.
     *
     * @param expectedVersion the version the caller saw (null: whatever is current)
     */
    public Campaign schedule(String campaignId, String at, String cron, String timeZone, String endDate, Long expectedVersion) {
        CampaignSchedule schedule = ScheduleRules.resolve(at, cron, timeZone, endDate, clock.instant());
        Campaign current = current(campaignId, expectedVersion);
        if (current.isRun()) {
            throw Refusal.conflict("CAMPAIGN_IS_RUN", "A run of a recurring campaign is not scheduled itself; schedule its series");
        }
        if (!current.status().editable()) {
            throw Refusal.conflict("INVALID_TRANSITION", "Cannot schedule a " + current.status().json() + " campaign");
        }
        Campaign scheduled = current.withSchedule(schedule, CampaignStatus.SCHEDULED);
        if (!store.replace(scheduled, current.version())) {
            throw CampaignService.versionConflict(store.get(campaignId).orElse(current));
        }
        triggers.put(campaignId, schedule);
        log.info("campaign {} scheduled: {} in {} (first {})", campaignId,
                schedule.recurring() ? "cron(" + schedule.cron() + ")" : schedule.at(), schedule.timeZone(), schedule.due());
        return scheduled;
    }

    /** Takes a scheduled campaign (or series) off its schedule: it is a draft again, and its trigger is deleted. */
    public Campaign unschedule(String campaignId, Long expectedVersion) {
        Campaign current = current(campaignId, expectedVersion);
        if (current.status() != CampaignStatus.SCHEDULED || current.isRun()) {
            throw Refusal.conflict("NOT_SCHEDULED", "A " + current.status().json() + " campaign has no schedule to remove");
        }
        Campaign draft = current.withSchedule(null, CampaignStatus.DRAFT);
        if (!store.replace(draft, current.version())) {
            throw CampaignService.versionConflict(store.get(campaignId).orElse(current));
        }
        triggers.delete(campaignId);
        log.info("campaign {} unscheduled", campaignId);
        return draft;
    }

    /** A campaign left its schedule another way (started now, cancelled): its trigger goes. */
    @Override
    public void released(Campaign campaign) {
        triggers.delete(campaign.id());
    }

    private Campaign current(String campaignId, Long expectedVersion) {
        Campaign current = store.get(campaignId)
                .orElseThrow(() -> Refusal.notFound("CAMPAIGN_NOT_FOUND", "No campaign " + campaignId));
        if (expectedVersion != null && current.version() != expectedVersion) {
            throw CampaignService.versionConflict(current);
        }
        return current;
    }
}
