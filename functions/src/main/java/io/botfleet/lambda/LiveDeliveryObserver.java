package io.botfleet.lambda;

import io.botfleet.broadcast.send.BatchResult;
import io.botfleet.broadcast.send.DeliveryObserver;
import io.botfleet.live.BotFeed;
import io.botfleet.live.CampaignFeed;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a bot's results are recorded, the metrics and then the new progress of its campaigns to the dashboards, and
 * the bot's health when Telegram refused its token. Publishing is best effort: a failure is logged and never fails or
 * retries the batch.
 */
final class LiveDeliveryObserver implements DeliveryObserver {
    private static final Logger log = LoggerFactory.getLogger(LiveDeliveryObserver.class);

    private final DeliveryObserver metrics;
    private final CampaignFeed campaigns;
    private final BotFeed bots;

    LiveDeliveryObserver(DeliveryObserver metrics, CampaignFeed campaigns, BotFeed bots) {
        this.metrics = metrics;
        this.campaigns = campaigns;
        this.bots = bots;
    }

    @Override
    public void recorded(String botId, List<BatchResult> results) {
        metrics.recorded(botId, results);
        try {
            campaigns.publish(results.stream().map(r -> r.batch().campaignId()).distinct().toList());
            if (results.stream().anyMatch(r -> r.stop().filter(BatchResult.Stop.TokenRevoked.class::isInstance).isPresent())) {
                bots.publish(botId);
            }
        } catch (RuntimeException e) {
            log.warn("publishing the progress of bot {} failed", botId, e);
        }
    }
}
