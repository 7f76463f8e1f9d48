package io.botfleet.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsQueryTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private final InMemoryStatsStore store = new InMemoryStatsStore();
    private final TestClock clock = new TestClock(T);
    private final StatsQuery query = new StatsQuery(store, clock);

    private void add(Granularity granularity, Instant start, long messages) {
        store.commit(new StatsStore.Commit(List.of(), Map.of(new StatsStore.BucketKey("1", granularity, start),
                Map.of(Metric.MESSAGES_RECEIVED, messages))));
    }

    @Test
    void rangesUpTo72HoursAreHourlyLongerOnesDaily() {
        assertThat(StatsQuery.granularity(Metric.MESSAGES_RECEIVED, T, T.plus(Duration.ofHours(72)))).isEqualTo(Granularity.HOUR);
        assertThat(StatsQuery.granularity(Metric.MESSAGES_RECEIVED, T, T.plus(Duration.ofHours(73)))).isEqualTo(Granularity.DAY);
        assertThat(StatsQuery.granularity(Metric.ACTIVE_USERS, T, T.plus(Duration.ofHours(1)))).isEqualTo(Granularity.DAY);
    }

    @Test
    void bucketsWithoutCountsAreZeroAndTheRangeStartsAtItsBucket() {
        add(Granularity.HOUR, T.plus(Duration.ofHours(2)), 5);
        StatsQuery.Series series = query.series("1", Metric.MESSAGES_RECEIVED, T.plusSeconds(600), T.plus(Duration.ofHours(4)));
        assertThat(series.granularity()).isEqualTo(Granularity.HOUR);
        assertThat(series.points()).extracting(StatsQuery.Point::at)
                .containsExactly(T, T.plus(Duration.ofHours(1)), T.plus(Duration.ofHours(2)), T.plus(Duration.ofHours(3)));
        assertThat(series.points()).extracting(StatsQuery.Point::value).containsExactly(0L, 0L, 5L, 0L);
    }

    @Test
    void answersAreKeptBrieflyThenReadAgain() {
        add(Granularity.HOUR, T, 1);
        assertThat(query.series("1", Metric.MESSAGES_RECEIVED, T, T.plus(Duration.ofHours(1))).points().getFirst().value()).isEqualTo(1);
        add(Granularity.HOUR, T, 1);
        assertThat(query.series("1", Metric.MESSAGES_RECEIVED, T, T.plus(Duration.ofHours(1))).points().getFirst().value()).isEqualTo(1);
        clock.advance(StatsQuery.CACHED_FOR);
        assertThat(query.series("1", Metric.MESSAGES_RECEIVED, T, T.plus(Duration.ofHours(1))).points().getFirst().value()).isEqualTo(2);
    }

    @Test
    void aDayIsEveryMetricOfItsUtcDayAtOnce() {
        Instant day = Instant.parse("2026-11-30T00:00:00Z");
        store.commit(new StatsStore.Commit(List.of(), Map.of(
                new StatsStore.BucketKey("1", Granularity.DAY, day), Map.of(Metric.SUBSCRIBERS_JOINED, 3L,
                        Metric.SUBSCRIBERS_BLOCKED, 1L, Metric.MESSAGES_RECEIVED, 5L, Metric.DELIVERIES_SENT, 7L),
                new StatsStore.BucketKey("1", Granularity.DAY, day.minus(Duration.ofDays(1))), Map.of(Metric.SUBSCRIBERS_JOINED, 9L))));
        store.addActiveChats("1", day, java.util.Set.of("11", "12", "13"));

        Map<Metric, Long> figures = query.day("1", T);

        assertThat(figures).containsEntry(Metric.SUBSCRIBERS_JOINED, 3L).containsEntry(Metric.SUBSCRIBERS_BLOCKED, 1L)
                .containsEntry(Metric.SUBSCRIBERS_NET, 2L).containsEntry(Metric.MESSAGES_RECEIVED, 5L)
                .containsEntry(Metric.ACTIVE_USERS, 3L).containsEntry(Metric.DELIVERIES_SENT, 7L)
                .containsEntry(Metric.DELIVERIES_FAILED, 0L).hasSize(Metric.values().length);
        assertThat(query.day("2", T)).containsEntry(Metric.SUBSCRIBERS_JOINED, 0L).containsEntry(Metric.ACTIVE_USERS, 0L);
    }
}
