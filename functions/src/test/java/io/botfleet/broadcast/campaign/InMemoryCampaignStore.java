package io.botfleet.broadcast.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Campaigns in memory with DynamoCampaignStore's conditions: create refuses an existing id, replace only on the
 * stored version; runs are listed under their series, not their bot; listings are newest first in pages that end
 * where a page of {@code limit} items ends (as a DynamoDB query with a limit does); only scheduled campaigns are due;
 * the planner's cursor and the delivery counters are separate parts of one progress record, so neither overwrites
 * the other.
 */
public final class InMemoryCampaignStore implements CampaignStore {

    private static final class Progress {
        PlanProgress plan;
        long batchesDone;
        final Map<DeliveryOutcome, Long> outcomes = new EnumMap<>(DeliveryOutcome.class);
    }

    private final TreeMap<String, Campaign> campaigns = new TreeMap<>();
    private final Map<String, Progress> progress = new HashMap<>();
    private Runnable beforeEachReplace = () -> { };

    @Override
    public synchronized void create(Campaign campaign) {
        if (campaigns.putIfAbsent(campaign.id(), campaign) != null) {
            throw new IllegalStateException("campaign " + campaign.id() + " exists");
        }
    }

    @Override
    public synchronized boolean createIfAbsent(Campaign campaign) {
        return campaigns.putIfAbsent(campaign.id(), campaign) == null;
    }

    @Override
    public synchronized Optional<Campaign> get(String campaignId) {
        return Optional.ofNullable(campaigns.get(campaignId));
    }

    /**
     * Runs before every replace, as another writer getting there first would (e.g. a replace of its own; that one
     * does not run the hook again).
     */
    public synchronized void beforeEachReplace(Runnable hook) {
        this.beforeEachReplace = hook;
    }

    @Override
    public synchronized boolean replace(Campaign updated, long expectedVersion) {
        Runnable hook = beforeEachReplace;
        beforeEachReplace = () -> { };
        try {
            hook.run();
        } finally {
            beforeEachReplace = hook;
        }
        Campaign current = campaigns.get(updated.id());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        campaigns.put(updated.id(), updated);
        return true;
    }

    @Override
    public synchronized Page list(String botId, String afterId, int limit) {
        return page(c -> c.botId().equals(botId) && !c.isRun(), afterId, limit);
    }

    @Override
    public synchronized Page runs(String seriesId, String afterId, int limit) {
        return page(c -> seriesId.equals(c.seriesId()), afterId, limit);
    }

    @Override
    public synchronized List<Due> due(Instant notAfter, int limit) {
        return campaigns.values().stream()
                .filter(c -> c.status() == CampaignStatus.SCHEDULED && c.schedule() != null && c.schedule().due() != null
                        && !c.schedule().due().isAfter(notAfter))
                .map(c -> new Due(c.id(), c.schedule().due()))
                .sorted(Comparator.comparing(Due::at))
                .limit(limit)
                .toList();
    }

    private Page page(Predicate<Campaign> listed, String afterId, int limit) {
        List<Campaign> page = new ArrayList<>();
        var newestFirst = afterId == null ? campaigns.descendingMap() : campaigns.headMap(afterId, false).descendingMap();
        for (Campaign c : newestFirst.values()) {
            if (listed.test(c)) {
                page.add(c);
                if (page.size() == limit) {
                    return new Page(page, c.id());
                }
            }
        }
        return new Page(page, null);
    }

    @Override
    public synchronized CampaignProgress progress(String campaignId) {
        Progress p = progress.get(campaignId);
        if (p == null) {
            return CampaignProgress.NONE;
        }
        PlanProgress plan = p.plan == null ? new PlanProgress(null, 0, 0, false) : p.plan;
        return new CampaignProgress(plan.recipients(), plan.nextBatch(), p.batchesDone, plan.done(), Map.copyOf(p.outcomes));
    }

    @Override
    public synchronized void savePlan(String campaignId, PlanProgress plan) {
        progress.computeIfAbsent(campaignId, id -> new Progress()).plan = plan;
    }

    @Override
    public synchronized Optional<PlanProgress> plan(String campaignId) {
        Progress p = progress.get(campaignId);
        return p == null ? Optional.empty() : Optional.ofNullable(p.plan);
    }

    /** Adds to the delivery counters, as the ledger's counted writes do in the same transaction as the chunk. */
    public synchronized void count(String campaignId, Map<DeliveryOutcome, Integer> outcomes, boolean batchDone) {
        Progress p = progress.computeIfAbsent(campaignId, id -> new Progress());
        outcomes.forEach((o, n) -> p.outcomes.merge(o, (long) n, Long::sum));
        if (batchDone) {
            p.batchesDone++;
        }
    }
}
