package io.botfleet.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.send.BatchResult;
import io.botfleet.shared.time.TestClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatsDeliveryObserverTest {
    private final InMemoryStatsStore store = new InMemoryStatsStore();
    private final StatsDeliveryObserver observer = new StatsDeliveryObserver(store, new TestClock("2026-11-30T10:17:00Z"));

    private static BatchResult result(Map<DeliveryOutcome, Integer> outcomes) {
        return new BatchResult(null, BatchResult.Status.COMPLETED, outcomes, List.of(), List.of(), 0, true, Optional.empty(),
                BatchResult.RateLimits.NONE);
    }

    @Test
    void anInvocationsOutcomesOfABotAreOneAddOfSentAndFailedToTheHourAndDayOfRecording() {
        observer.recorded("5", List.of(result(Map.of(DeliveryOutcome.SENT, 90, DeliveryOutcome.BLOCKED, 3, DeliveryOutcome.TRANSIENT, 2)),
                result(Map.of(DeliveryOutcome.SENT, 10, DeliveryOutcome.NOT_FOUND, 1, DeliveryOutcome.CANCELLED, 4))));
        assertThat(store.adds).isEqualTo(1);
        assertThat(store.commits).isZero();
        assertThat(store.count("5", Granularity.HOUR, "2026-11-30T10:00:00Z", Metric.DELIVERIES_SENT)).isEqualTo(100);
        assertThat(store.count("5", Granularity.DAY, "2026-11-30T00:00:00Z", Metric.DELIVERIES_SENT)).isEqualTo(100);
        assertThat(store.count("5", Granularity.DAY, "2026-11-30T00:00:00Z", Metric.DELIVERIES_FAILED)).isEqualTo(4);
    }

    @Test
    void outcomesThatAreNeitherWriteNothing() {
        observer.recorded("5", List.of(result(Map.of(DeliveryOutcome.TRANSIENT, 2, DeliveryOutcome.UNKNOWN, 1))));
        assertThat(store.adds).isZero();
    }
}
