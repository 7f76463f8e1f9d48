package io.botfleet.backup;

/** Runs jobs away from the API's 29 s: the backup queue, read by the backup function (15 min a job). */
public interface BackupJobs {
    void submit(BackupJob.Kind kind, String exportId);
}
