package io.botfleet.scheduling;

import io.botfleet.broadcast.campaign.CampaignSchedule;

/** What fires a scheduled campaign at its time: one trigger per campaign (EventBridge Scheduler on AWS). */
public interface ScheduleTriggers {

    /** Creates the campaign's trigger, or moves it to {@code schedule} when it has one. */
    void put(String campaignId, CampaignSchedule schedule);

    /** Deletes the campaign's trigger; none is fine. */
    void delete(String campaignId);
}
