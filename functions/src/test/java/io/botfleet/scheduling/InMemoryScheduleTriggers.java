package io.botfleet.scheduling;

import io.botfleet.broadcast.campaign.CampaignSchedule;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Triggers in memory: one per campaign, as the schedule group holds them. */
public final class InMemoryScheduleTriggers implements ScheduleTriggers {
    private final Map<String, CampaignSchedule> triggers = new ConcurrentHashMap<>();

    @Override
    public void put(String campaignId, CampaignSchedule schedule) {
        triggers.put(campaignId, schedule);
    }

    @Override
    public void delete(String campaignId) {
        triggers.remove(campaignId);
    }

    public Optional<CampaignSchedule> of(String campaignId) {
        return Optional.ofNullable(triggers.get(campaignId));
    }
}
