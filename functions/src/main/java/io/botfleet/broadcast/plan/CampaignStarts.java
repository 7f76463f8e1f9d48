package io.botfleet.broadcast.plan;

/** Asks the planner to plan (or continue planning) a running campaign. */
public interface CampaignStarts {
    void requestStart(String campaignId);
}
