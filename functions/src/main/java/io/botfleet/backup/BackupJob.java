package io.botfleet.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An export or an import, as its status object in the backup bucket records it ({@code exports/<id>/status.json},
 * {@code imports/<exportId>/status.json}). {@code done} lists the entities finished so far, in order: a job that
 * stopped (a timeout, a crash, a retried message) continues after the last one.
 *
 * @param exportId the export's id, which is also an import's: an export is imported at most once into a stack
 */
public record BackupJob(Kind kind, String exportId, Status status, Instant requestedAt, String requestedBy,
                        Optional<Instant> finishedAt, Optional<String> reason, List<EntityFile> done) {

    public enum Kind { EXPORT, IMPORT }

    public enum Status { RUNNING, COMPLETED, FAILED }

    public BackupJob {
        done = List.copyOf(done);
    }

    public static BackupJob requested(Kind kind, String exportId, Instant at, String by) {
        return new BackupJob(kind, exportId, Status.RUNNING, at, by, Optional.empty(), Optional.empty(), List.of());
    }

    public boolean finished(BackupEntity entity) {
        return done.stream().anyMatch(f -> f.name().equals(entity.label()));
    }

    public BackupJob with(EntityFile file) {
        List<EntityFile> next = new ArrayList<>(done);
        next.add(file);
        return new BackupJob(kind, exportId, status, requestedAt, requestedBy, finishedAt, reason, next);
    }

    /** Running again: a resumed job keeps what it finished. */
    public BackupJob resumed() {
        return new BackupJob(kind, exportId, Status.RUNNING, requestedAt, requestedBy, Optional.empty(), Optional.empty(), done);
    }

    public BackupJob completed(Instant at) {
        return new BackupJob(kind, exportId, Status.COMPLETED, requestedAt, requestedBy, Optional.of(at), Optional.empty(), done);
    }

    public BackupJob failed(Instant at, String why) {
        return new BackupJob(kind, exportId, Status.FAILED, requestedAt, requestedBy, Optional.of(at), Optional.of(why), done);
    }
}
