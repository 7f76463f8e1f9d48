package io.botfleet.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBatchJsonTest {

    @Test
    void readsTheWebhooksMessageAndSkipsTypesNothingCounts() {
        var events = EventBatchJson.read(EventStream.body(EventStream.event(7, "message.received", "11", "2026-11-30T10:05:00Z"),
                EventStream.event(7, "future.type", "11", "2026-11-30T10:05:00Z")));
        assertThat(events).containsExactly(new StatsEvent(EventStream.BOT + ":7:message.received", Metric.MESSAGES_RECEIVED,
                EventStream.BOT, "11", Instant.parse("2026-11-30T10:05:00Z"), 7));
    }

    @Test
    void refusesWhatIsNotAnEventsMessage() {
        assertThatThrownBy(() -> EventBatchJson.read("{\"v\":2,\"events\":[]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventBatchJson.read(EventStream.body(EventStream.event(0, "message.received", "11", "2026-11-30T10:05:00Z"))))
                .hasMessageContaining("updateId");
        assertThatThrownBy(() -> EventBatchJson.read(EventStream.body(EventStream.event(3, "message.received", "11", "yesterday"))))
                .hasMessageContaining("at");
    }

    @Test
    void archivesEveryEventAsWrittenOnOneLine() {
        String unknown = "{\"eventId\":\"7001:7:future.type\",\"type\":\"future.type\",\"botId\":\"7001\",\"at\":\"2026-11-30T10:05:00Z\","
                + "\"updateId\":7,\"attributes\":{\"language\":\"en\"}}";
        var batch = EventBatchJson.batch(EventStream.body(EventStream.event(7, "message.received", "11", "2026-11-30T10:05:00Z"), unknown));
        assertThat(batch.counted()).hasSize(1);
        assertThat(batch.archived()).extracting(ArchivedEvent::json)
                .containsExactly(EventStream.event(7, "message.received", "11", "2026-11-30T10:05:00Z"), unknown);
        assertThat(EventBatchJson.archivedEvent(unknown)).isEqualTo(batch.archived().get(1));
        assertThat(batch.archived().get(1).at()).isEqualTo(Instant.parse("2026-11-30T10:05:00Z"));
        // an event the archive cannot place is refused, counted type or not
        assertThatThrownBy(() -> EventBatchJson.batch(EventStream.body("{\"eventId\":\"x\",\"type\":\"future.type\",\"at\":\"2026-11-30T10:05:00Z\"}")))
                .hasMessageContaining("botId");
    }
}
