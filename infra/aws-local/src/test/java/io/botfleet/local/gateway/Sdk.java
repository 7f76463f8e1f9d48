package io.botfleet.local.gateway;

import io.botfleet.local.AwsClients;
import io.botfleet.local.LocalAwsStack;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Real SDK v2 clients pointed at the gateway, signed with a function's role credentials as its process would be.
 * No retries: a test must see each answer the gateway gives, not the SDK's recovery from it.
 */
final class Sdk {
    private Sdk() {}

    static AwsClients as(LocalAwsStack stack, String function) {
        RoleCredentials role = stack.credentialsFor(function);
        return with(stack, AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken()));
    }

    /** Presigns as the function would (path style, as the local endpoint requires). */
    static software.amazon.awssdk.services.s3.presigner.S3Presigner presigner(LocalAwsStack stack, String function) {
        RoleCredentials role = stack.credentialsFor(function);
        return software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(stack.gatewayEndpoint())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken())))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    static AwsClients with(LocalAwsStack stack, AwsCredentials credentials) {
        return AwsClients.create(stack.gatewayEndpoint(), credentials,
                ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    }
}
