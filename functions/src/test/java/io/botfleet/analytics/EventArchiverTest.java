package io.botfleet.analytics;

import static io.botfleet.analytics.EventStream.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventArchiverTest {
    private final InMemoryArchiveBucket bucket = new InMemoryArchiveBucket();
    private final EventArchiver archiver = new EventArchiver(bucket);

    static List<EventArchiver.Delivery> deliveries(List<EventStream.Message> messages) {
        return messages.stream().map(m -> new EventArchiver.Delivery(m.messageId(), EventBatchJson.batch(m.body()).archived())).toList();
    }

    private List<String> lines(String key) {
        return NdjsonGzip.decode(bucket.objects.get(key));
    }

    @Test
    void writesOneGzipNdjsonFilePerDayAndBotUnderHivePartitions() {
        List<EventStream.Message> messages = new ArrayList<>(EventStream.secondBatch());
        messages.add(new EventStream.Message("x1", "{\"v\":1,\"events\":[{\"eventId\":\"42:7:future.type\",\"type\":\"future.type\","
                + "\"botId\":\"42\",\"at\":\"2026-11-30T23:59:59Z\",\"updateId\":7,\"attributes\":{\"note\":\"a\\nb\"}}]}"));
        assertThat(archiver.archive(deliveries(messages))).isEmpty();

        assertThat(bucket.objects.keySet()).hasSize(3).allMatch(k -> k.matches(
                "events/date=2026-11-(29|30)/bot=(7001|42)/\\d\\d-[0-9a-f]{32}\\.ndjson\\.gz"));
        String late = bucket.keys("events/date=2026-11-29/bot=" + BOT + "/").getFirst();
        assertThat(late).contains("/23-");
        assertThat(lines(late)).containsExactly(EventStream.event(99, "message.received", "13", "2026-11-29T23:59:00Z"));
        String day = bucket.keys("events/date=2026-11-30/bot=" + BOT + "/").getFirst();
        // the file's first event names its hour; its events in time order, each once
        assertThat(day).contains("/10-");
        assertThat(lines(day)).extracting(l -> EventBatchJson.archivedEvent(l).eventId()).containsExactly(
                BOT + ":101:subscriber.joined", BOT + ":105:message.received", BOT + ":105:subscriber.unblocked",
                BOT + ":106:subscriber.left");
        // a type nothing counts is archived all the same, attributes and all, on one line
        String other = bucket.keys("events/date=2026-11-30/bot=42/").getFirst();
        assertThat(lines(other)).singleElement().asString().contains("\"note\":\"a\\nb\"").contains("future.type");
    }

    @Test
    void theSameMessagesWriteTheSameKeysWhateverTheirOrder() {
        archiver.archive(deliveries(EventStream.firstBatch()));
        var first = List.copyOf(bucket.objects.keySet());
        archiver.archive(deliveries(EventStream.firstBatch().reversed()));
        assertThat(bucket.objects.keySet()).containsExactlyElementsOf(first);
        assertThat(bucket.puts).isEqualTo(2);
        // other messages of the same day and bot: another file
        archiver.archive(deliveries(EventStream.firstBatch().subList(0, 2)));
        assertThat(bucket.objects).hasSize(2);
        assertThat(ArchiveKeys.digest(List.of("a", "b"))).isEqualTo(ArchiveKeys.digest(List.of("b", "a", "b")))
                .isNotEqualTo(ArchiveKeys.digest(List.of("ab")));
    }

    @Test
    void aFailedWriteRetriesExactlyTheMessagesWithEventsInThatFile() {
        bucket.failingPrefixes.add("events/date=2026-11-29/");
        assertThat(archiver.archive(deliveries(EventStream.secondBatch()))).containsExactly("m7");
        assertThat(bucket.objects.keySet()).singleElement().asString().startsWith("events/date=2026-11-30/");
    }

    @Test
    void aBotIdThatCannotNameAPartitionIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArchiveKeys.prefix(java.time.LocalDate.of(2026, 11, 30), "../x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ArchiveKeys.key(java.time.LocalDate.of(2026, 11, 30), "7", Instant.parse("2026-11-30T05:10:00Z"), List.of("m")))
                .startsWith("events/date=2026-11-30/bot=7/05-").endsWith(".ndjson.gz");
    }
}
