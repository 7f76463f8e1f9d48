package io.botfleet.broadcast.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Campaigns, their counters and planner progress. Every state change is conditional on what the caller saw. */
public interface CampaignStore {

    void create(Campaign campaign);

    /** Creates the campaign unless one with its id exists; @return whether this call created it. */
    boolean createIfAbsent(Campaign campaign);

    Optional<Campaign> get(String campaignId);

    /**
     * Replaces the campaign if its stored version is {@code expectedVersion}.
     *
     * @return false when someone else changed it first
     */
    boolean replace(Campaign updated, long expectedVersion);

    /** Newest first, after the campaign id {@code afterId} (null: from the newest). Runs of a series are not listed. */
    Page list(String botId, String afterId, int limit);

    /** The runs of the series {@code seriesId}, newest occurrence first, after the run id {@code afterId}. */
    Page runs(String seriesId, String afterId, int limit);

    /**
     * Scheduled campaigns whose due time is {@code notAfter} or earlier, the longest overdue first: what the sweep
     * starts when a trigger was missed.
     */
    List<Due> due(Instant notAfter, int limit);

    CampaignProgress progress(String campaignId);


    /** Records what the planner has enqueued so far; {@code planned} when the audience is exhausted. */
    void savePlan(String campaignId, PlanProgress plan);

    Optional<PlanProgress> plan(String campaignId);

    /** A scheduled campaign and the occurrence it waits for. */
    record Due(String campaignId, Instant at) {}

    /** {@code lastId} is null after the last page. */
    record Page(List<Campaign> campaigns, String lastId) {}

    /** Resumable planner state: the audience cursor and the next batch number. */
    record PlanProgress(String audienceCursor, int nextBatch, long recipients, boolean done) {}
}
