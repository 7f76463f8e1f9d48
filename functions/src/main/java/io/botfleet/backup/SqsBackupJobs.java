package io.botfleet.backup;

import software.amazon.awssdk.services.sqs.SqsClient;

/** The backup queue: one message per job, read by the backup function. */
public final class SqsBackupJobs implements BackupJobs {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsBackupJobs(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void submit(BackupJob.Kind kind, String exportId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(BackupJson.message(kind, exportId)));
    }
}
