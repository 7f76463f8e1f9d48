package io.botfleet.analytics;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.send.BatchResult;
import io.botfleet.broadcast.send.DeliveryObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a sender invocation's new outcomes of a bot to its {@code deliveries.sent} and {@code deliveries.failed}
 * counters: one add to the hour's and the day's bucket per bot and invocation, in the buckets of when they were
 * recorded, each bucket on its own (no transaction: it would bill them twice). At most once: the outcomes are
 * already recorded in the ledger when this runs, so a failed write is logged and not retried
 * (the campaign's own counters stay exact; these are the bot's charts).
 */
public final class StatsDeliveryObserver implements DeliveryObserver {
    private static final Logger log = LoggerFactory.getLogger(StatsDeliveryObserver.class);
    static final Set<DeliveryOutcome> FAILED = EnumSet.of(DeliveryOutcome.BLOCKED, DeliveryOutcome.DEACTIVATED,
            DeliveryOutcome.NOT_STARTED, DeliveryOutcome.KICKED, DeliveryOutcome.NOT_FOUND, DeliveryOutcome.FAILED);

    private final StatsStore store;
    private final Clock clock;

    public StatsDeliveryObserver(StatsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void recorded(String botId, List<BatchResult> results) {
        Map<Metric, Long> counts = new EnumMap<>(Metric.class);
        for (BatchResult result : results) {
            result.newOutcomes().forEach((outcome, n) -> {
                if (outcome == DeliveryOutcome.SENT) {
                    counts.merge(Metric.DELIVERIES_SENT, (long) n, Long::sum);
                } else if (FAILED.contains(outcome)) {
                    counts.merge(Metric.DELIVERIES_FAILED, (long) n, Long::sum);
                }
            });
        }
        counts.values().removeIf(n -> n == 0);
        if (counts.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<StatsStore.BucketKey, Map<Metric, Long>> adds = new LinkedHashMap<>();
        for (Granularity granularity : Granularity.values()) {
            adds.put(new StatsStore.BucketKey(botId, granularity, granularity.bucket(now)), counts);
        }
        try {
            store.add(adds);
        } catch (RuntimeException e) {
            log.warn("delivery counts of bot {} not added to its stats: {}", botId, counts, e);
        }
    }
}
