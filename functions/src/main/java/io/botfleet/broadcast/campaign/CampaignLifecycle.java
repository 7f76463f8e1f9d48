package io.botfleet.broadcast.campaign;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * State changes of campaigns. Each is a conditional write on the version the caller read, so double clicks,
 * retries, a schedule and a "start now" racing each other cannot start (or finish) a campaign twice.
 */
public final class CampaignLifecycle {
    private final CampaignStore store;
    private final Clock clock;

    public CampaignLifecycle(CampaignStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The outcome of a requested transition. */
    public sealed interface Transition {
        record Moved(Campaign campaign) implements Transition {}

        record NotAllowed(Campaign current) implements Transition {}

        record Missing() implements Transition {}

        /** Others kept changing it; the caller may try again. */
        record Busy() implements Transition {}
    }

    public Transition move(String campaignId, CampaignStatus to) {
        return move(campaignId, to, null);
    }

    /** Pauses a running campaign for a reason the platform found (the admin sees it until the next change). */
    public Transition pause(String campaignId, String reason) {
        return move(campaignId, CampaignStatus.PAUSED, reason);
    }

    /**
     * Starts a campaign its schedule made due: only from {@code scheduled}, so a trigger that comes late (after a start
     * now, a pause, a cancel) or twice changes nothing.
     */
    public Transition startScheduled(String campaignId) {
        return move(campaignId, CampaignStatus.RUNNING, Set.of(CampaignStatus.SCHEDULED), null);
    }

    private Transition move(String campaignId, CampaignStatus to, String reason) {
        return move(campaignId, to, to.from(), reason);
    }

    private Transition move(String campaignId, CampaignStatus to, Set<CampaignStatus> from, String reason) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Campaign> current = store.get(campaignId);
            if (current.isEmpty()) {
                return new Transition.Missing();
            }
            Campaign c = current.get();
            if (!from.contains(c.status())) {
                return new Transition.NotAllowed(c);
            }
            Campaign next = c.withStatus(to, clock.instant(), reason);
            if (store.replace(next, c.version())) {
                return new Transition.Moved(next);
            }
        }
        return new Transition.Busy();
    }

    /** Completes a running campaign once the planner is done and every batch has finished. */
    public void completeIfDone(String campaignId, CampaignProgress progress) {
        if (progress.allBatchesDone()) {
            move(campaignId, CampaignStatus.COMPLETED);
        }
    }
}
