package io.botfleet.scheduling;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignLifecycle;
import io.botfleet.broadcast.campaign.CampaignLifecycle.Transition;
import io.botfleet.broadcast.campaign.CampaignSchedule;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.shared.ids.Ulid;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts what a schedule made due, exactly once per occurrence however often it is asked (a trigger delivered twice,
 * the sweep and the trigger both): a one-time campaign moves {@code scheduled → running} on its version; a series gets
 * one run per occurrence, whose id is derived from the series and the occurrence, so a second request finds the run it
 * made and starts nothing. Requests for an occurrence the campaign no longer waits for (rescheduled, cancelled) are
 * dropped.
 */
public final class ScheduledStarter {
    private static final Logger log = LoggerFactory.getLogger(ScheduledStarter.class);

    private final CampaignStore store;
    private final CampaignLifecycle lifecycle;
    private final Clock clock;

    public ScheduledStarter(CampaignStore store, CampaignLifecycle lifecycle, Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * @return the campaign (or run) of this occurrence when it is running — started by this request or by an earlier
     *         one that may not have finished planning it (the planner resumes from its cursor) — to plan; empty when
     *         the occurrence is not (or no longer) one to run
     */
    public Optional<Campaign> start(String campaignId, Instant occurrence) {
        Optional<Campaign> found = store.get(campaignId);
        if (found.isEmpty() || found.get().schedule() == null) {
            log.info("campaign {} has no schedule; the request for {} is dropped", campaignId, occurrence);
            return Optional.empty();
        }
        Campaign campaign = found.get();
        CampaignSchedule schedule = campaign.schedule();
        if (!schedule.recurring()) {
            if (!seconds(occurrence).equals(schedule.due() == null ? null : seconds(schedule.due()))) {
                log.info("campaign {} is due at {}, not {}: a stale request", campaignId, schedule.due(), occurrence);
                return Optional.empty();
            }
            return started(lifecycle.startScheduled(campaignId));
        }
        ZoneId zone = ZoneId.of(schedule.timeZone());
        Recurrence recurrence = Recurrence.parse(schedule.cron());
        if (campaign.status() != CampaignStatus.SCHEDULED || !recurrence.occursAt(occurrence, zone)
                || (schedule.endDate() != null && occurrence.isAfter(schedule.endDate()))) {
            log.info("series {} ({}) has no occurrence {} to start", campaignId, campaign.status().json(), occurrence);
            return Optional.empty();
        }
        String runId = Ulid.derived(occurrence, campaignId);
        if (store.createIfAbsent(campaign.runFor(runId, occurrence, clock.instant()))) {
            log.info("series {}: run {} for {}", campaignId, runId, occurrence);
        }
        advance(campaignId, occurrence, recurrence, zone);
        return started(lifecycle.startScheduled(runId));
    }

    /** The series waits for its next occurrence (or, with none left, is complete). */
    private void advance(String seriesId, Instant occurrence, Recurrence recurrence, ZoneId zone) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Campaign> read = store.get(seriesId);
            if (read.isEmpty() || read.get().status() != CampaignStatus.SCHEDULED) {
                return;
            }
            Campaign series = read.get();
            CampaignSchedule schedule = series.schedule();
            if (schedule.due() != null && schedule.due().isAfter(occurrence)) {
                return;
            }
            Instant next = recurrence.next(occurrence, zone)
                    .filter(t -> schedule.endDate() == null || !t.isAfter(schedule.endDate())).orElse(null);
            Campaign advanced = series.withSchedule(schedule.withDue(next), CampaignStatus.SCHEDULED);
            if (next == null) {
                advanced = advanced.withStatus(CampaignStatus.COMPLETED, clock.instant());
            }
            if (store.replace(advanced, series.version())) {
                return;
            }
        }
        log.warn("series {} kept changing; the sweep will find its next occurrence", seriesId);
    }

    private static Optional<Campaign> started(Transition transition) {
        return switch (transition) {
            case Transition.Moved moved -> Optional.of(moved.campaign());
            case Transition.NotAllowed refused when refused.current().status() == CampaignStatus.RUNNING ->
                    Optional.of(refused.current());
            default -> Optional.empty();
        };
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }
}
