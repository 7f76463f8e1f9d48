package io.botfleet.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.time.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Exports and imports on in-memory ports: what is written where, resuming, and what an import refuses. */
class BackupsTest {
    final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:15:30.123Z"));
    final InMemoryArchive archive = new InMemoryArchive();
    final InMemoryTables source = new InMemoryTables();
    final List<String> submitted = new ArrayList<>();
    final BackupJobs jobs = (kind, id) -> submitted.add(kind + " " + id);

    Backups backups(InMemoryTables tables) {
        return new Backups(archive, tables, jobs, clock);
    }

    @Test
    void anExportWritesEveryEntityThenItsManifestAndAnImportRestoresThemIntoAnEmptyStack() {
        source.rows.put(BackupEntity.BOTS, List.of("bot-1", "bot-2"));
        source.rows.put(BackupEntity.SUBSCRIBERS, List.of("s-1", "s-2", "s-3"));
        BackupJob asked = backups(source).requestExport("owner-1");
        assertThat(asked.exportId()).isEqualTo("20261201T101530123Z");
        assertThat(submitted).containsExactly("EXPORT 20261201T101530123Z");

        BackupJob done = backups(source).runExport(asked.exportId());
        assertThat(done.status()).isEqualTo(BackupJob.Status.COMPLETED);
        Manifest manifest = archive.manifest(asked.exportId()).orElseThrow();
        assertThat(manifest.formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
        assertThat(manifest.file(BackupEntity.SUBSCRIBERS).orElseThrow().count()).isEqualTo(3);
        assertThat(manifest.entities()).extracting(EntityFile::name)
                .containsExactly("bots", "subscribers", "campaigns", "ads", "deliveries", "media", "audit", "stats");

        InMemoryTables target = new InMemoryTables();
        Backups.ImportStart start = backups(target).requestImport(asked.exportId(), "owner-2");
        assertThat(start.started()).isTrue();
        assertThat(backups(target).runImport(asked.exportId()).status()).isEqualTo(BackupJob.Status.COMPLETED);
        assertThat(target.rows).isEqualTo(source.rowsOfEveryEntity());
        // asked again: answered with the finished import, nothing submitted
        submitted.clear();
        assertThat(backups(target).requestImport(asked.exportId(), "owner-2").started()).isFalse();
        assertThat(submitted).isEmpty();
    }

    @Test
    void anImportIsRefusedIntoAStackThatHoldsDataOrForAnExportItCannotRead() {
        source.rows.put(BackupEntity.BOTS, List.of("bot-1"));
        String id = backups(source).requestExport("owner").exportId();
        backups(source).runExport(id);

        assertThatThrownBy(() -> backups(source).requestImport(id, "owner"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("STACK_NOT_EMPTY"));
        assertThatThrownBy(() -> backups(new InMemoryTables()).requestImport("20200101T000000000Z", "owner"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("EXPORT_NOT_FOUND"));

        Manifest m = archive.manifest(id).orElseThrow();
        archive.putManifest(new Manifest(2, id, m.startedAt(), m.finishedAt(), m.entities(), m.excluded()));
        assertThatThrownBy(() -> backups(new InMemoryTables()).requestImport(id, "owner"))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    Refusal.FieldError error = r.fieldErrors().getFirst();
                    assertThat(error.field()).isEqualTo("export");
                    assertThat(error.code()).isEqualTo("UNSUPPORTED_FORMAT_VERSION");
                    assertThat(error.message()).contains("format version 2", "reads version 1");
                });
    }

    @Test
    void aDamagedFileFailsTheImportBeforeAnythingIsWritten() {
        source.rows.put(BackupEntity.BOTS, List.of("bot-1"));
        source.rows.put(BackupEntity.STATS, List.of("stat-1"));
        String id = backups(source).requestExport("owner").exportId();
        backups(source).runExport(id);
        archive.files.put("exports/" + id + "/stats.ndjson.gz", "tampered".getBytes(StandardCharsets.UTF_8));

        InMemoryTables target = new InMemoryTables();
        backups(target).requestImport(id, "owner");
        BackupJob job = backups(target).runImport(id);
        assertThat(job.status()).isEqualTo(BackupJob.Status.FAILED);
        assertThat(job.reason()).get().asString().contains("stats.ndjson.gz", "damaged");
        assertThat(target.rows).isEmpty();
    }

    @Test
    void anImportThatStoppedHalfWayContinuesAfterItsLastFinishedEntityWhenAskedAgain() {
        for (BackupEntity e : BackupEntity.values()) {
            source.rows.put(e, List.of(e.label() + "-1"));
        }
        String id = backups(source).requestExport("owner").exportId();
        backups(source).runExport(id);

        InMemoryTables target = new InMemoryTables();
        target.failOn = BackupEntity.DELIVERIES;
        backups(target).requestImport(id, "owner");
        assertThatThrownBy(() -> backups(target).runImport(id)).isInstanceOf(IllegalStateException.class);
        BackupJob stopped = archive.job(BackupJob.Kind.IMPORT, id).orElseThrow();
        assertThat(stopped.status()).isEqualTo(BackupJob.Status.FAILED);
        assertThat(stopped.done()).extracting(EntityFile::name).containsExactly("bots", "subscribers", "campaigns", "ads");

        // the stack now holds data, but this import may go on: asking again resumes it
        target.failOn = null;
        assertThat(backups(target).requestImport(id, "owner").started()).isTrue();
        assertThat(backups(target).runImport(id).status()).isEqualTo(BackupJob.Status.COMPLETED);
        assertThat(target.restores.get(BackupEntity.BOTS)).isEqualTo(1);
        assertThat(target.rows).isEqualTo(source.rowsOfEveryEntity());
    }

    /** Rows as text lines, gzip-free: the mapping of rows is DynamoBackupRowsTest's. */
    static final class InMemoryTables implements EntityTables {
        final Map<BackupEntity, List<String>> rows = new EnumMap<>(BackupEntity.class);
        final Map<BackupEntity, Integer> restores = new EnumMap<>(BackupEntity.class);
        BackupEntity failOn;

        Map<BackupEntity, List<String>> rowsOfEveryEntity() {
            Map<BackupEntity, List<String>> out = new EnumMap<>(BackupEntity.class);
            for (BackupEntity e : BackupEntity.values()) {
                out.put(e, rows.getOrDefault(e, List.of()));
            }
            return out;
        }

        @Override
        public long dump(BackupEntity entity, Path file) {
            List<String> lines = rows.getOrDefault(entity, List.of());
            write(file, String.join("\n", lines));
            return lines.size();
        }

        @Override
        public long check(BackupEntity entity, Path file) {
            return lines(file).size();
        }

        @Override
        public long restore(BackupEntity entity, Path file) {
            if (entity == failOn) {
                throw new IllegalStateException("table unavailable");
            }
            restores.merge(entity, 1, Integer::sum);
            rows.put(entity, lines(file));
            return rows.get(entity).size();
        }

        @Override
        public Optional<BackupEntity> firstHoldingData() {
            return rows.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).findFirst();
        }

        private static List<String> lines(Path file) {
            try {
                String text = Files.readString(file);
                return text.isEmpty() ? List.of() : List.of(text.split("\n"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class InMemoryArchive implements BackupArchive {
        final Map<String, byte[]> files = new TreeMap<>();
        final Map<String, Manifest> manifests = new HashMap<>();
        final Map<String, BackupJob> jobs = new HashMap<>();

        @Override
        public void upload(String exportId, String fileName, Path file) {
            try {
                files.put("exports/" + exportId + "/" + fileName, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void download(String exportId, String fileName, Path into) {
            try {
                Files.write(into, files.get("exports/" + exportId + "/" + fileName));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void putManifest(Manifest manifest) {
            manifests.put(manifest.exportId(), manifest);
        }

        @Override
        public Optional<Manifest> manifest(String exportId) {
            return Optional.ofNullable(manifests.get(exportId));
        }

        @Override
        public void putJob(BackupJob job) {
            jobs.put(job.kind() + job.exportId(), job);
        }

        @Override
        public Optional<BackupJob> job(BackupJob.Kind kind, String exportId) {
            return Optional.ofNullable(jobs.get(kind + exportId));
        }

        @Override
        public List<BackupJob> jobs(BackupJob.Kind kind, int limit) {
            return jobs.values().stream().filter(j -> j.kind() == kind)
                    .sorted(Comparator.comparing(BackupJob::exportId).reversed()).limit(limit).toList();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
