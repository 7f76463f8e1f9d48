package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignLifecycle;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.plan.BroadcastPlanner;
import io.botfleet.scheduling.ScheduledStartJson;
import io.botfleet.scheduling.ScheduledStarter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The planner: campaign-start messages in ({"campaignId": ...} for a campaign started now; with "occurrence" when its
 * schedule fired, which starts it first, once), the campaign's audience out as send batches. A failed plan is retried
 * by SQS (and resumes from its cursor); a campaign that is not running is skipped. Embedded metrics per message:
 * {@code PlansRun} and {@code PlansCompleted} (the audience fully planned) by {@code BotId}, and {@code PlanFailures}
 * without a bot (a message that failed may not have named one).
 */
public final class PlannerFunction implements Function<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(PlannerFunction.class);

    private final CampaignStore campaigns;
    private final CampaignLifecycle lifecycle;
    private final BroadcastPlanner planner;
    private final ScheduledStarter scheduled;
    private final String namespace;
    private final DeadLetterReasons reasons;

    public PlannerFunction(CampaignStore campaigns, CampaignLifecycle lifecycle, BroadcastPlanner planner,
                           ScheduledStarter scheduled, String namespace, DeadLetterReasons reasons) {
        this.reasons = reasons;
        this.campaigns = campaigns;
        this.lifecycle = lifecycle;
        this.planner = planner;
        this.scheduled = scheduled;
        this.namespace = namespace;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                ScheduledStartJson.StartRequest request = ScheduledStartJson.parse(message.getBody());
                MDC.put("campaign_id", request.campaignId());
                // a schedule's request starts the campaign (or a run of the series) first: the run is what gets planned
                Optional<Campaign> campaign = request.occurrence().isPresent()
                        ? scheduled.start(request.campaignId(), request.occurrence().get())
                        : campaigns.get(request.campaignId());
                String campaignId = campaign.map(Campaign::id).orElse(request.campaignId());
                MDC.put("campaign_id", campaignId);
                campaign.ifPresent(c -> MDC.put("bot_id", c.botId()));
                if (campaign.isEmpty() || campaign.get().status() != CampaignStatus.RUNNING) {
                    log.info("campaign {} is not running; nothing to plan", campaignId);
                    continue;
                }
                CampaignStore.PlanProgress planned = planner.plan(campaign.get());
                emit(Optional.of(campaign.get().botId()), Map.of("PlansRun", 1L, "PlansCompleted", planned.done() ? 1L : 0L));
                log.info("campaign {}: {} batch(es) for {} recipient(s) planned{}", campaignId, planned.nextBatch(),
                        planned.recipients(), planned.done() ? ", audience complete" : "");
                if (planned.done()) {
                    // the last batch may have finished before planning did
                    lifecycle.completeIfDone(campaignId, campaigns.progress(campaignId));
                }
            } catch (Exception e) {
                log.error("planning failed for message {}", message.getMessageId(), e);
                emit(Optional.empty(), Map.of("PlanFailures", 1L));
                reasons.failed(message, "planning failed: " + io.botfleet.deadletters.FailureReason.describe(e));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } finally {
                MDC.remove("campaign_id");
                MDC.remove("bot_id");
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void emit(Optional<String> botId, Map<String, Long> counts) {
        MetricsFactory.getMetricsInstance().flushMetrics(m -> {
            m.setNamespace(namespace);
            botId.ifPresent(id -> m.addDimension(DimensionSet.of("BotId", id)));
            counts.forEach((name, n) -> m.addMetric(name, n, MetricUnit.COUNT));
        });
    }
}
