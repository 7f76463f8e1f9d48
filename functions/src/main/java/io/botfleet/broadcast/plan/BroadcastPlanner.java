package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.send.SendBatch;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a started campaign's audience into send batches. It snapshots the audience by enqueuing it (so "sent of N"
 * has a fixed N while people come and go), ten batches at a time, and records its cursor after each enqueue: a
 * planner that dies resumes where it stopped, and a batch enqueued twice is dropped by SQS's deduplication id and the
 * ledger.
 */
public final class BroadcastPlanner {
    private static final Logger log = LoggerFactory.getLogger(BroadcastPlanner.class);
    static final int PAGE_SIZE = 1_000;
    /**
     * Batches queued together: one SendMessageBatch of ten messages, which a sender then receives together (ten
     * pages of a paid campaign; a free-rate page is ten batches already). A planner that dies re-plans at most these.
     */
    static final int ENQUEUE_BATCHES = 10;

    private final CampaignStore campaigns;
    private final AudiencePager audience;
    private final SendQueue queue;

    public BroadcastPlanner(CampaignStore campaigns, AudiencePager audience, SendQueue queue) {
        this.campaigns = campaigns;
        this.audience = audience;
        this.queue = queue;
    }

    /** @return the plan after this run (done unless the campaign stopped running meanwhile) */
    public CampaignStore.PlanProgress plan(Campaign campaign) {
        CampaignStore.PlanProgress progress = campaigns.plan(campaign.id())
                .orElse(new CampaignStore.PlanProgress(null, 0, 0, false));
        // what was paged but not yet queued: queued ENQUEUE_BATCHES at a time, then the cursor is saved
        List<SendBatch> batches = new ArrayList<>();
        CampaignStore.PlanProgress paged = progress;
        while (!paged.done()) {
            CampaignStatus status = campaigns.get(campaign.id()).map(Campaign::status).orElse(CampaignStatus.CANCELLED);
            if (status != CampaignStatus.RUNNING) {
                log.info("campaign {} is {}; planning stops at batch {}", campaign.id(), status, progress.nextBatch());
                return progress;
            }
            AudiencePager.Page page = audience.page(campaign.botId(), campaign.audience(), paged.audienceCursor(), PAGE_SIZE);
            int batchNo = paged.nextBatch();
            List<Long> chats = page.chatIds();
            int size = SendBatch.sizeFor(campaign.paid());
            for (int from = 0; from < chats.size(); from += size) {
                batches.add(new SendBatch(campaign.id(), campaign.botId(), batchNo++,
                        chats.subList(from, Math.min(chats.size(), from + size))));
            }
            paged = new CampaignStore.PlanProgress(page.nextCursor(), batchNo, paged.recipients() + chats.size(),
                    page.nextCursor() == null);
            if (batches.size() >= ENQUEUE_BATCHES || paged.done()) {
                if (!batches.isEmpty()) {
                    queue.enqueue(batches, 0, campaign.paid());
                    batches.clear();
                }
                progress = paged;
                campaigns.savePlan(campaign.id(), progress);
            }
        }
        return progress;
    }
}
