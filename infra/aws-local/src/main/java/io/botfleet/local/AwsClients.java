package io.botfleet.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients pointed at the local emulators, for provisioning and for tests to inspect state. */
public record AwsClients(DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3, SecretsManagerClient secrets,
                         SchedulerClient scheduler, CloudWatchLogsClient logs)
        implements AutoCloseable {

    /** Clients of every service at {@code endpoint} (the gateway), signed with {@code credentials}. */
    public static AwsClients create(URI endpoint, AwsCredentials credentials, ClientOverrideConfiguration configuration) {
        var provider = StaticCredentialsProvider.create(credentials);
        Region region = Region.of(LocalAwsStack.REGION);
        return new AwsClients(
                DynamoDbClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider)
                        .overrideConfiguration(configuration).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider)
                        .overrideConfiguration(configuration).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider).forcePathStyle(true)
                        .overrideConfiguration(configuration).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SecretsManagerClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider)
                        .overrideConfiguration(configuration).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SchedulerClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider)
                        .overrideConfiguration(configuration).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                logs(endpoint, credentials, configuration));
    }

    /** A CloudWatch Logs client at {@code endpoint}, signed with {@code credentials}. */
    public static CloudWatchLogsClient logs(URI endpoint, AwsCredentials credentials, ClientOverrideConfiguration configuration) {
        return CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.of(LocalAwsStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(configuration).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        s3.close();
        secrets.close();
        scheduler.close();
        logs.close();
    }
}
