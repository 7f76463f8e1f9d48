package io.botfleet.analytics;

import static io.botfleet.analytics.EventStream.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.time.TestClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsAggregatorTest {
    private final InMemoryStatsStore store = new InMemoryStatsStore();
    private final StatsAggregator aggregator = new StatsAggregator(store);

    private java.util.Set<String> fold(List<EventStream.Message> messages) {
        return aggregator.aggregate(messages.stream()
                .map(m -> new StatsAggregator.Delivery(m.messageId(), EventBatchJson.read(m.body()))).toList());
    }

    @Test
    void countsAKnownStreamOnceDespiteDuplicatesAndLateEvents() {
        assertThat(fold(EventStream.firstBatch())).isEmpty();
        assertThat(fold(EventStream.firstBatch())).isEmpty(); // the whole batch redelivered
        assertThat(fold(EventStream.secondBatch())).isEmpty();

        assertThat(store.count(BOT, Granularity.HOUR, "2026-11-30T10:00:00Z", Metric.SUBSCRIBERS_JOINED)).isEqualTo(2);
        assertThat(store.count(BOT, Granularity.HOUR, "2026-11-30T10:00:00Z", Metric.MESSAGES_RECEIVED)).isEqualTo(1);
        assertThat(store.count(BOT, Granularity.HOUR, "2026-11-30T11:00:00Z", Metric.MESSAGES_RECEIVED)).isEqualTo(1);
        assertThat(store.count(BOT, Granularity.HOUR, "2026-11-30T11:00:00Z", Metric.BUTTONS_PRESSED)).isEqualTo(1);
        assertThat(store.count(BOT, Granularity.HOUR, "2026-11-30T12:00:00Z", Metric.SUBSCRIBERS_BLOCKED)).isEqualTo(1);
        assertThat(store.count(BOT, Granularity.HOUR, "2026-11-30T13:00:00Z", Metric.SUBSCRIBERS_UNBLOCKED)).isEqualTo(1);
        assertThat(store.count(BOT, Granularity.HOUR, "2026-11-30T14:00:00Z", Metric.SUBSCRIBERS_LEFT)).isEqualTo(1);
        assertThat(store.count(BOT, Granularity.HOUR, "2026-11-29T23:00:00Z", Metric.MESSAGES_RECEIVED)).isEqualTo(1);

        Instant day = Instant.parse("2026-11-30T00:00:00Z");
        assertThat(store.counters(BOT, Granularity.DAY, day, day.plusSeconds(86400)).get(day)).containsOnly(
                java.util.Map.entry(Metric.SUBSCRIBERS_JOINED, 2L), java.util.Map.entry(Metric.MESSAGES_RECEIVED, 3L),
                java.util.Map.entry(Metric.BUTTONS_PRESSED, 1L), java.util.Map.entry(Metric.SUBSCRIBERS_BLOCKED, 1L),
                java.util.Map.entry(Metric.SUBSCRIBERS_UNBLOCKED, 1L), java.util.Map.entry(Metric.SUBSCRIBERS_LEFT, 1L));
        assertThat(store.count(BOT, Granularity.DAY, "2026-11-29T00:00:00Z", Metric.MESSAGES_RECEIVED)).isEqualTo(1);

        StatsQuery query = new StatsQuery(store, new TestClock(Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(query.series(BOT, Metric.SUBSCRIBERS_NET, Instant.parse("2026-11-28T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"))
                .points()).extracting(StatsQuery.Point::value).containsExactly(0L, 0L, 1L, 0L);
        assertThat(query.series(BOT, Metric.ACTIVE_USERS, Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))
                .points()).extracting(StatsQuery.Point::value).containsExactly(1L, 2L);
    }

    @Test
    void writesOneCommitPerBotAndDayInABatch() {
        fold(EventStream.firstBatch());
        assertThat(store.commits).isEqualTo(1);
        fold(EventStream.firstBatch());
        assertThat(store.commits).as("a batch already counted writes nothing").isEqualTo(1);
    }

    @Test
    void aCommitThatRacedAnotherInvocationIsReadAgainAndCountedOnce() {
        store.conflictsToSimulate = 2;
        assertThat(fold(EventStream.firstBatch())).isEmpty();
        assertThat(store.count(BOT, Granularity.DAY, "2026-11-30T00:00:00Z", Metric.SUBSCRIBERS_JOINED)).isEqualTo(2);
    }

    @Test
    void aBotWhoseCountsCannotBeWrittenHasItsMessagesRetried() {
        store.conflictsToSimulate = StatsAggregator.ATTEMPTS;
        assertThat(fold(EventStream.firstBatch())).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(store.counters).isEmpty();
    }
}
