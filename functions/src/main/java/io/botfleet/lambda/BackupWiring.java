package io.botfleet.lambda;

import io.botfleet.backup.AwsBackupArchive;
import io.botfleet.backup.Backups;
import io.botfleet.backup.DynamoBackupRows;
import io.botfleet.backup.DynamoEntityTables;
import io.botfleet.backup.SqsBackupJobs;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the exports and imports for the API (asking for them) and the backup function (running them). */
public final class BackupWiring {
    private BackupWiring() {}

    public static Backups backups(Env env, PlatformConfig config, DynamoDbClient dynamoDb, S3Client s3, SqsClient sqs,
                                  Clock clock) {
        PlatformConfig.Tables t = config.tables();
        DynamoBackupRows.Tables tables = new DynamoBackupRows.Tables(t.bots(), t.subscribers(), t.campaigns(),
                t.deliveries(), env.required("MEDIA_TABLE"), t.audit(), env.required("STATS_TABLE"));
        return new Backups(new AwsBackupArchive(s3, env.required("BACKUP_BUCKET")),
                new DynamoEntityTables(dynamoDb, tables),
                new SqsBackupJobs(sqs, env.required("BACKUP_QUEUE_URL")), clock);
    }

    public static BackupFunction backupFunction(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        SqsClient sqs = aws.sqs();
        Clock clock = Clock.systemUTC();
        return new BackupFunction(backups(env, config, dynamoDb, aws.s3(), sqs, clock),
                DeadLetterReasons.forQueues(List.of(env.required("BACKUP_QUEUE_URL")), config, sqs, dynamoDb, clock));
    }
}
