package io.botfleet.analytics;

import static io.botfleet.analytics.EventStream.BOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.shared.errors.Refusal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventArchiveReaderTest {
    private final InMemoryArchiveBucket bucket = new InMemoryArchiveBucket();
    private final EventArchiver archiver = new EventArchiver(bucket);

    private List<String> ids(EventArchiveReader reader, String from, String to) {
        return reader.read(BOT, Instant.parse(from), Instant.parse(to)).stream().map(ArchivedEvent::eventId).toList();
    }

    @Test
    void readsEachEventOnceInTimeOrderWithinTheRange() {
        archiver.archive(EventArchiverTest.deliveries(EventStream.firstBatch()));
        // m3 retried alone (its counters failed) and m2 delivered again with new messages: their events sit in two files each
        archiver.archive(EventArchiverTest.deliveries(EventStream.firstBatch().subList(2, 3)));
        archiver.archive(EventArchiverTest.deliveries(EventStream.secondBatch()));
        assertThat(bucket.objects).hasSize(4);
        var reader = new EventArchiveReader(bucket, EventBatchJson::archivedEvent, EventArchiveReader.Limits.NONE);

        assertThat(ids(reader, "2026-11-29T00:00:00Z", "2026-12-01T00:00:00Z")).containsExactly(
                BOT + ":99:message.received",
                BOT + ":100:message.received", BOT + ":100:subscriber.joined", BOT + ":101:subscriber.joined",
                BOT + ":102:message.received", BOT + ":103:button.pressed", BOT + ":104:subscriber.blocked",
                BOT + ":105:message.received", BOT + ":105:subscriber.unblocked", BOT + ":106:subscriber.left");
        // [from, to): 11:00 in, 12:00 out
        assertThat(ids(reader, "2026-11-30T11:00:00Z", "2026-11-30T12:00:00Z"))
                .containsExactly(BOT + ":102:message.received", BOT + ":103:button.pressed");
        assertThat(reader.read("7002", Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aRangeBeyondTheLimitsIsRefusedNamingTo() {
        archiver.archive(EventArchiverTest.deliveries(EventStream.firstBatch()));
        archiver.archive(EventArchiverTest.deliveries(EventStream.secondBatch()));
        var fewFiles = new EventArchiveReader(bucket, EventBatchJson::archivedEvent, new EventArchiveReader.Limits(1, Long.MAX_VALUE));
        assertThatThrownBy(() -> fewFiles.read(BOT, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.fieldErrors()).extracting(Refusal.FieldError::field).containsExactly("to"));
        var fewBytes = new EventArchiveReader(bucket, EventBatchJson::archivedEvent, new EventArchiveReader.Limits(100, 300));
        assertThatThrownBy(() -> fewBytes.read(BOT, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.fieldErrors()).extracting(Refusal.FieldError::code)
                        .containsExactly("RANGE_TOO_LARGE"));
    }
}
