package io.botfleet.local.gateway;

import io.botfleet.local.LocalAwsStack;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real SDK v2 clients pointed at the gateway, signed with a function's role credentials as its process would be.
 * No retries: a test must see each answer the gateway gives, not the SDK's recovery from it.
 */
record Sdk(DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3, SecretsManagerClient secrets) implements AutoCloseable {

    static Sdk as(LocalAwsStack stack, String function) {
        RoleCredentials role = stack.credentialsFor(function);
        return with(stack, AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken()));
    }

    static Sdk with(LocalAwsStack stack, AwsCredentials credentials) {
        var provider = StaticCredentialsProvider.create(credentials);
        var region = Region.of(LocalAwsStack.REGION);
        var noRetries = ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
        var endpoint = stack.gatewayEndpoint();
        return new Sdk(
                DynamoDbClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider)
                        .overrideConfiguration(noRetries).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider)
                        .overrideConfiguration(noRetries).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider).forcePathStyle(true)
                        .overrideConfiguration(noRetries).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SecretsManagerClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider)
                        .overrideConfiguration(noRetries).httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        s3.close();
        secrets.close();
    }
}
