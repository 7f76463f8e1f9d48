package io.botfleet.lambda;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.send.BatchResult;
import io.botfleet.broadcast.send.DeliveryObserver;
import io.botfleet.shared.logging.EmbeddedMetrics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The sender's counts as CloudWatch embedded metrics, one document per bot and SQS delivery with the dimension
 * {@code BotId}: a metric per outcome ({@code Sent}, {@code Blocked}, {@code NotStarted}, ...),
 * {@code BatchesRetried}, {@code RateLimited} (Telegram's 429 answers) and, when there were any, {@code RetryAfter}
 * (the longest {@code retry_after} asked for, in seconds). Campaign ids are too many to be a dimension; the log lines
 * carry them.
 */
final class PowertoolsDeliveryMetrics implements DeliveryObserver {
    private final String namespace;

    PowertoolsDeliveryMetrics(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public void recorded(String botId, List<BatchResult> results) {
        Map<DeliveryOutcome, Long> outcomes = new EnumMap<>(DeliveryOutcome.class);
        long retried = 0;
        BatchResult.RateLimits rateLimits = BatchResult.RateLimits.NONE;
        for (BatchResult result : results) {
            rateLimits = rateLimits.plus(result.rateLimits());
            result.newOutcomes().forEach((outcome, count) -> outcomes.merge(outcome, (long) count, Long::sum));
            if (result.status() == BatchResult.Status.RETRY) {
                retried++;
            }
        }
        long batchesRetried = retried;
        BatchResult.RateLimits limits = rateLimits;
        MetricsFactory.getMetricsInstance().flushMetrics(m -> {
            m.setNamespace(namespace);
            m.addDimension(DimensionSet.of("BotId", botId));
            outcomes.forEach((outcome, count) -> m.addMetric(EmbeddedMetrics.name(outcome), count, MetricUnit.COUNT));
            m.addMetric("BatchesRetried", batchesRetried, MetricUnit.COUNT);
            m.addMetric("RateLimited", limits.answers(), MetricUnit.COUNT);
            if (limits.answers() > 0) {
                m.addMetric("RetryAfter", limits.longestRetryAfter().toSeconds(), MetricUnit.SECONDS);
            }
        });
    }
}
