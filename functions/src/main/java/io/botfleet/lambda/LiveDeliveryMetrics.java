package io.botfleet.lambda;

import io.botfleet.broadcast.send.BatchResult;
import io.botfleet.broadcast.send.DeliveryMetrics;
import io.botfleet.live.CampaignFeed;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a bot's results are recorded, the metrics and then the new progress of its campaigns to the dashboards.
 * Publishing is best effort: a failure is logged and never fails or retries the batch.
 */
final class LiveDeliveryMetrics implements DeliveryMetrics {
    private static final Logger log = LoggerFactory.getLogger(LiveDeliveryMetrics.class);

    private final DeliveryMetrics metrics;
    private final CampaignFeed feed;

    LiveDeliveryMetrics(DeliveryMetrics metrics, CampaignFeed feed) {
        this.metrics = metrics;
        this.feed = feed;
    }

    @Override
    public void recorded(String botId, List<BatchResult> results) {
        metrics.recorded(botId, results);
        try {
            feed.publish(results.stream().map(r -> r.batch().campaignId()).distinct().toList());
        } catch (RuntimeException e) {
            log.warn("publishing the progress of bot {} failed", botId, e);
        }
    }
}
