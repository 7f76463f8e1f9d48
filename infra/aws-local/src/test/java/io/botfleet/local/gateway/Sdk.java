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

    static AwsClients with(LocalAwsStack stack, AwsCredentials credentials) {
        return AwsClients.create(stack.gatewayEndpoint(), credentials,
                ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    }
}
