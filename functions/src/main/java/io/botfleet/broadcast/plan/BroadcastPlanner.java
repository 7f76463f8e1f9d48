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
 * has a fixed N while people come and go), a page at a time, and records its cursor after each page: a planner that
 * dies resumes where it stopped, and a page enqueued twice is dropped by SQS's deduplication id and the ledger.
 */
public final class BroadcastPlanner {
    private static final Logger log = LoggerFactory.getLogger(BroadcastPlanner.class);
    static final int PAGE_SIZE = 1_000;

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
        while (!progress.done()) {
            CampaignStatus status = campaigns.get(campaign.id()).map(Campaign::status).orElse(CampaignStatus.CANCELLED);
            if (status != CampaignStatus.RUNNING) {
                log.info("campaign {} is {}; planning stops at batch {}", campaign.id(), status, progress.nextBatch());
                return progress;
            }
            AudiencePager.Page page = audience.page(campaign.botId(), campaign.audience(), progress.audienceCursor(), PAGE_SIZE);
            List<SendBatch> batches = new ArrayList<>();
            int batchNo = progress.nextBatch();
            List<Long> chats = page.chatIds();
            int size = SendBatch.sizeFor(campaign.paid());
            for (int from = 0; from < chats.size(); from += size) {
                batches.add(new SendBatch(campaign.id(), campaign.botId(), batchNo++,
                        chats.subList(from, Math.min(chats.size(), from + size))));
            }
            if (!batches.isEmpty()) {
                queue.enqueue(batches, 0, campaign.paid());
            }
            progress = new CampaignStore.PlanProgress(page.nextCursor(), batchNo, progress.recipients() + chats.size(),
                    page.nextCursor() == null);
            campaigns.savePlan(campaign.id(), progress);
        }
        return progress;
    }
}
