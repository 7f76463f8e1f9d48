package io.botfleet.broadcast.campaign;

import java.util.Map;

/**
 * Counters of a running campaign, updated with a batch's ledger write when the batch finishes or stops (a pause, a
 * retry) with outcomes not counted yet — never per recipient, and each outcome exactly once.
 *
 * @param audienceSize  recipients planned so far (the snapshot's size once {@code planned})
 * @param planned       the planner has enqueued the whole audience
 */
public record CampaignProgress(long audienceSize, long batchesTotal, long batchesDone, boolean planned,
                               Map<DeliveryOutcome, Long> outcomes) {

    public static final CampaignProgress NONE = new CampaignProgress(0, 0, 0, false, Map.of());

    public long count(DeliveryOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    public long finished() {
        return outcomes.entrySet().stream().filter(e -> e.getKey().terminal()).mapToLong(Map.Entry::getValue).sum();
    }

    public boolean allBatchesDone() {
        return planned && batchesDone >= batchesTotal;
    }
}
