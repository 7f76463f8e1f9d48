package io.botfleet.scheduling;

import io.botfleet.broadcast.campaign.CampaignStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the triggers: every campaign still waiting a {@code grace} after its due time gets the start
 * request its trigger should have sent. A request that crosses a late trigger starts nothing twice
 * ({@link ScheduledStarter}).
 */
public final class ScheduleSweep {
    private static final Logger log = LoggerFactory.getLogger(ScheduleSweep.class);
    static final int PAGE = 100;

    private final CampaignStore store;
    private final ScheduledStarts starts;
    private final Duration grace;
    private final Clock clock;

    public ScheduleSweep(CampaignStore store, ScheduledStarts starts, Duration grace, Clock clock) {
        this.store = store;
        this.starts = starts;
        this.grace = grace;
        this.clock = clock;
    }

    /** @return how many overdue campaigns it asked to start */
    public int sweep() {
        List<CampaignStore.Due> overdue = store.due(clock.instant().minus(grace), PAGE);
        for (CampaignStore.Due due : overdue) {
            log.warn("campaign {} was due at {} and has not started: asking again", due.campaignId(), due.at());
            starts.requestStart(due.campaignId(), due.at());
        }
        return overdue.size();
    }
}
