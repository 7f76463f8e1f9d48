package io.botfleet.broadcast.campaign;

import java.util.List;
import java.util.Optional;

/** Campaigns, their counters and planner progress. Every state change is conditional on what the caller saw. */
public interface CampaignStore {

    void create(Campaign campaign);

    Optional<Campaign> get(String campaignId);

    /**
     * Replaces the campaign if its stored version is {@code expectedVersion}.
     *
     * @return false when someone else changed it first
     */
    boolean replace(Campaign updated, long expectedVersion);

    /** Newest first, after the campaign id {@code afterId} (null: from the newest). */
    Page list(String botId, String afterId, int limit);

    CampaignProgress progress(String campaignId);


    /** Records what the planner has enqueued so far; {@code planned} when the audience is exhausted. */
    void savePlan(String campaignId, PlanProgress plan);

    Optional<PlanProgress> plan(String campaignId);

    /** {@code lastId} is null after the last page. */
    record Page(List<Campaign> campaigns, String lastId) {}

    /** Resumable planner state: the audience cursor and the next batch number. */
    record PlanProgress(String audienceCursor, int nextBatch, long recipients, boolean done) {}
}
