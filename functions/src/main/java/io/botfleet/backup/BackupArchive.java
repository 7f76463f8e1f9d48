package io.botfleet.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where exports live (the stack's backup bucket): their files, manifests and the status of every job. */
public interface BackupArchive {

    void upload(String exportId, String fileName, Path file);

    /** The file, downloaded to {@code into}. */
    void download(String exportId, String fileName, Path into);

    void putManifest(Manifest manifest);

    /** Refuses a manifest it cannot read with a {@link io.botfleet.shared.errors.Refusal} naming the field. */
    Optional<Manifest> manifest(String exportId);

    void putJob(BackupJob job);

    Optional<BackupJob> job(BackupJob.Kind kind, String exportId);

    /** The newest jobs of a kind first, at most {@code limit}. */
    List<BackupJob> jobs(BackupJob.Kind kind, int limit);
}
