package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.backup.BackupJob;
import io.botfleet.backup.BackupJson;
import io.botfleet.backup.Backups;
import io.botfleet.deadletters.FailureReason;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Spring Cloud Function bean {@code backup}: runs the export or import a message of the backup queue names. A job that
 * stops half way is reported failed, so SQS delivers it again and it continues after its last finished entity; a
 * message that is not a job is dropped (logged), since no retry can make it one.
 */
public final class BackupFunction implements Function<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(BackupFunction.class);

    private final Backups backups;
    private final DeadLetterReasons reasons;

    public BackupFunction(Backups backups, DeadLetterReasons reasons) {
        this.backups = backups;
        this.reasons = reasons;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            BackupJson.JobMessage job;
            try {
                job = BackupJson.message(message.getBody());
            } catch (IllegalArgumentException e) {
                log.error("message {} dropped: {}", message.getMessageId(), e.getMessage());
                continue;
            }
            MDC.put("export_id", job.exportId());
            try {
                BackupJob result = job.kind() == BackupJob.Kind.EXPORT
                        ? backups.runExport(job.exportId()) : backups.runImport(job.exportId());
                log.info("{} of {}: {}", job.kind(), job.exportId(), result == null ? "no such job" : result.status());
            } catch (RuntimeException e) {
                log.error("{} of {} stopped; it continues when the message comes back", job.kind(), job.exportId(), e);
                reasons.failed(message, job.kind() + " of " + job.exportId() + " stopped: " + FailureReason.describe(e));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } finally {
                MDC.remove("export_id");
            }
        }
        return new SQSBatchResponse(failures);
    }
}
