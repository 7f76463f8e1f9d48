package io.botfleet.backup;

import io.botfleet.shared.errors.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the platform's data to the backup bucket and restores an export into an empty stack (docs/backup-restore.md).
 * The API asks for a job; the backup function runs it, an entity at a time, recording each finished entity in the
 * job's status, so a job that stops continues where it stopped when its message comes back or is asked for again.
 */
public final class Backups {
    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter IDS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    static final int LISTED = 100;

    private final BackupArchive archive;
    private final EntityTables tables;
    private final BackupJobs jobs;
    private final Clock clock;

    public Backups(BackupArchive archive, EntityTables tables, BackupJobs jobs, Clock clock) {
        this.archive = archive;
        this.tables = tables;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** An import's answer: the job, and whether this request started (or resumed) it. */
    public record ImportStart(BackupJob job, boolean started) {}

    // ------------------------------------------------------------------ export

    public BackupJob requestExport(String requestedBy) {
        Instant now = clock.instant();
        String id = IDS.format(now);
        if (archive.job(BackupJob.Kind.EXPORT, id).isPresent()) {
            throw Refusal.conflict("EXPORT_RUNNING", "An export was asked for this very millisecond; try again");
        }
        BackupJob job = BackupJob.requested(BackupJob.Kind.EXPORT, id, now, requestedBy);
        archive.putJob(job);
        jobs.submit(BackupJob.Kind.EXPORT, id);
        log.info("export {} requested by {}", id, requestedBy);
        return job;
    }

    public List<BackupJob> exports() {
        return archive.jobs(BackupJob.Kind.EXPORT, LISTED);
    }

    /** Runs (or continues) an export; a failure is recorded in its status and thrown, so its message is retried. */
    public BackupJob runExport(String exportId) {
        Optional<BackupJob> found = archive.job(BackupJob.Kind.EXPORT, exportId);
        if (found.isEmpty() || found.get().status() == BackupJob.Status.COMPLETED) {
            log.info("export {}: {}", exportId, found.isEmpty() ? "no such job" : "already completed");
            return found.orElse(null);
        }
        BackupJob job = found.get().resumed();
        Path work = workDirectory();
        try {
            for (BackupEntity entity : BackupEntity.values()) {
                if (job.finished(entity)) {
                    continue;
                }
                Path file = work.resolve(entity.fileName());
                long count = tables.dump(entity, file);
                archive.upload(exportId, entity.fileName(), file);
                job = job.with(new EntityFile(entity.label(), entity.fileName(), count, sha256(file), Files.size(file)));
                archive.putJob(job);
                Files.delete(file);
                log.info("export {}: {} {} row(s)", exportId, count, entity.label());
            }
            archive.putManifest(new Manifest(Manifest.FORMAT_VERSION, exportId, job.requestedAt(), clock.instant(),
                    job.done(), Manifest.EXCLUDED));
            job = job.completed(clock.instant());
            archive.putJob(job);
            return job;
        } catch (IOException | RuntimeException e) {
            archive.putJob(job.failed(clock.instant(), "stopped: " + e.getClass().getSimpleName() + "; it continues when retried"));
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        } finally {
            deleteQuietly(work);
        }
    }

    // ------------------------------------------------------------------ import

    /**
     * Asks for an export to be restored. Refused when the export is missing or unreadable, or (for an import not
     * started before) when the stack already holds data; an import that stopped is resumed, a finished one answered.
     */
    public ImportStart requestImport(String exportId, String requestedBy) {
        Manifest manifest = archive.manifest(exportId).orElseThrow(() -> Refusal.notFound("EXPORT_NOT_FOUND",
                "No finished export " + exportId + " in this stack's backup bucket"));
        manifest.requireReadable();
        Optional<BackupJob> existing = archive.job(BackupJob.Kind.IMPORT, exportId);
        if (existing.isPresent() && existing.get().status() == BackupJob.Status.COMPLETED) {
            return new ImportStart(existing.get(), false);
        }
        BackupJob job;
        if (existing.isPresent()) {
            job = existing.get().resumed();
        } else {
            archive.jobs(BackupJob.Kind.IMPORT, LISTED).stream().filter(j -> j.status() != BackupJob.Status.COMPLETED)
                    .findFirst().ifPresent(other -> {
                        throw Refusal.conflict("IMPORT_UNFINISHED", "The import of " + other.exportId()
                                + " is unfinished: ask for it again to resume it");
                    });
            tables.firstHoldingData().ifPresent(entity -> {
                throw Refusal.conflict("STACK_NOT_EMPTY", "This stack already holds " + entity.label()
                        + ": an export is restored only into an empty stack");
            });
            job = BackupJob.requested(BackupJob.Kind.IMPORT, exportId, clock.instant(), requestedBy);
        }
        archive.putJob(job);
        jobs.submit(BackupJob.Kind.IMPORT, exportId);
        log.info("import of {} {} by {}", exportId, existing.isPresent() ? "resumed" : "requested", requestedBy);
        return new ImportStart(job, true);
    }

    public List<BackupJob> imports() {
        return archive.jobs(BackupJob.Kind.IMPORT, LISTED);
    }

    /**
     * Runs (or continues) an import: first every file still to write is downloaded and checked (size, checksum, row
     * count, every row parsed), so a damaged or foreign export writes nothing; then each is written. A refused export
     * fails for good; anything else is recorded and thrown, so the message is retried and the import continues.
     */
    public BackupJob runImport(String exportId) {
        Optional<BackupJob> found = archive.job(BackupJob.Kind.IMPORT, exportId);
        if (found.isEmpty() || found.get().status() == BackupJob.Status.COMPLETED) {
            log.info("import of {}: {}", exportId, found.isEmpty() ? "no such job" : "already completed");
            return found.orElse(null);
        }
        BackupJob job = found.get().resumed();
        archive.putJob(job);
        Path work = workDirectory();
        try {
            Manifest manifest = archive.manifest(exportId).orElseThrow(() -> Refusal.notFound("EXPORT_NOT_FOUND",
                    "export " + exportId + " has no manifest"));
            manifest.requireReadable();
            List<BackupEntity> remaining = Stream.of(BackupEntity.values()).filter(e -> !job.finished(e)).toList();
            for (BackupEntity entity : remaining) {
                verify(exportId, entity, manifest.file(entity).orElseThrow(), work);
            }
            BackupJob progress = job;
            for (BackupEntity entity : remaining) {
                EntityFile file = manifest.file(entity).orElseThrow();
                long written = tables.restore(entity, work.resolve(file.file()));
                progress = progress.with(new EntityFile(file.name(), file.file(), written, file.sha256(), file.bytes()));
                archive.putJob(progress);
                log.info("import of {}: {} {} row(s)", exportId, written, entity.label());
            }
            BackupJob done = progress.completed(clock.instant());
            archive.putJob(done);
            return done;
        } catch (Refusal | EntityTables.RowRefused e) {
            String why = e instanceof Refusal r
                    ? (r.fieldErrors().isEmpty() ? r.detail() : r.fieldErrors().getFirst().message()) : e.getMessage();
            log.warn("import of {} refused: {}", exportId, why);
            BackupJob failed = archive.job(BackupJob.Kind.IMPORT, exportId).orElse(job).failed(clock.instant(), why);
            archive.putJob(failed);
            return failed;
        } catch (RuntimeException e) {
            archive.putJob(archive.job(BackupJob.Kind.IMPORT, exportId).orElse(job).failed(clock.instant(),
                    "stopped: " + e.getClass().getSimpleName() + "; it continues when retried"));
            throw e;
        } finally {
            deleteQuietly(work);
        }
    }

    private void verify(String exportId, BackupEntity entity, EntityFile expected, Path work) {
        Path file = work.resolve(expected.file());
        archive.download(exportId, expected.file(), file);
        try {
            if (Files.size(file) != expected.bytes() || !sha256(file).equals(expected.sha256())) {
                throw new EntityTables.RowRefused(expected.file() + " is not the file its manifest describes "
                        + "(size or SHA-256 differ): the export is damaged");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long rows = tables.check(entity, file);
        if (rows != expected.count()) {
            throw new EntityTables.RowRefused(expected.file() + " holds " + rows + " row(s); its manifest says "
                    + expected.count());
        }
    }

    // ------------------------------------------------------------------ files

    private Path workDirectory() {
        try {
            return Files.createTempDirectory("backup-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}", dir, e);
        }
    }
}
