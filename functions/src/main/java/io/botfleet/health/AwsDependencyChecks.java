package io.botfleet.health;

import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.telegram.TelegramBotApi;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The cheapest call that proves each dependency answers and the function may use it. */
public final class AwsDependencyChecks {
    private AwsDependencyChecks() {}

    public static List<DependencyCheck> all(PlatformConfig config, DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3,
                                            SecretsManagerClient secrets, TelegramBotApi telegram) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return List.of(
                new DependencyCheck("dynamodb", () -> dynamoDb.describeTable(b -> b.tableName(config.tables().bots()))),
                new DependencyCheck("sqs", () -> sqs.getQueueAttributes(b -> b.queueUrl(config.queues().send())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))),
                new DependencyCheck("s3", () -> s3.headBucket(b -> b.bucket(config.mediaBucket()))),
                new DependencyCheck("secrets", () -> secrets.describeSecret(b -> b.secretId(config.platformSecretId()))),
                // any HTTP answer proves Telegram's API host is reachable; no token is needed for that
                new DependencyCheck("telegram", () -> http.send(
                        HttpRequest.newBuilder(telegram.base().resolve("/")).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding())));
    }
}
