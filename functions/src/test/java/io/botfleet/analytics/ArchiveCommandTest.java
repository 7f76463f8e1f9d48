package io.botfleet.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveCommandTest {

    @Test
    void readsItsOptionsAndRefusesBadOnes() {
        var request = ArchiveCommand.parse(List.of("--bucket", "b", "--bot", "7001", "--from", "2026-11-29", "--to", "2026-11-30",
                "--out", "x.ndjson"));
        assertThat(request.from()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(request.endpoint()).isNull();
        assertThat(request.out()).hasToString("x.ndjson");
        assertThatThrownBy(() -> ArchiveCommand.parse(List.of("--bot", "7001", "--from", "2026-11-29", "--to", "2026-11-30")))
                .hasMessageContaining("--bucket");
        assertThatThrownBy(() -> ArchiveCommand.parse(List.of("--bucket", "b", "--bot", "7001", "--from", "30.11.2026", "--to", "2026-11-30")))
                .hasMessageContaining("--from");
        assertThatThrownBy(() -> ArchiveCommand.parse(List.of("--bucket", "b", "--bot", "7001", "--from", "2026-11-30", "--to", "2026-11-29")))
                .hasMessageContaining("--to");
        assertThatThrownBy(() -> ArchiveCommand.parse(List.of("--bucket", "b", "--bot", "../7001", "--from", "2026-11-30", "--to", "2026-11-30")))
                .hasMessageContaining("--bot");
    }

    @Test
    void writesTheDaysInclusiveEachEventOnce() throws Exception {
        var bucket = new InMemoryArchiveBucket();
        new EventArchiver(bucket).archive(EventArchiverTest.deliveries(EventStream.firstBatch()));
        new EventArchiver(bucket).archive(EventArchiverTest.deliveries(EventStream.secondBatch()));
        StringWriter out = new StringWriter();
        long written = ArchiveCommand.write(bucket, ArchiveCommand.parse(List.of("--bucket", "b", "--bot", EventStream.BOT,
                "--from", "2026-11-29", "--to", "2026-11-30")), out);
        assertThat(written).isEqualTo(10);
        assertThat(out.toString().lines()).hasSize(10).first().isEqualTo(EventStream.event(99, "message.received", "13", "2026-11-29T23:59:00Z"));
    }
}
