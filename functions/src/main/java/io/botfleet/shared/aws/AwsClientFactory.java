package io.botfleet.shared.aws;

import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients a function uses, once per function. Endpoint overrides (AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_SQS) and credentials come from the function's own environment, so the same code reaches AWS,
 * moto, ElasticMQ or LocalStack, and several functions can share one JVM in the local runner. The URLConnection
 * HTTP client is the lightest to load: cold start matters more here than connection pooling. One HTTP client serves
 * every SDK client of a function: each would otherwise prepare its own TLS context on the cold start.
 */
public final class AwsClientFactory {
    private final PlatformConfig config;
    private final AwsCredentialsProvider credentials;
    private final ExecutionInterceptor[] interceptors;
    private SdkHttpClient http;

    public AwsClientFactory(Env env, PlatformConfig config, ExecutionInterceptor... interceptors) {
        this.config = config;
        this.credentials = credentialsFrom(env);
        this.interceptors = interceptors;
    }

    /** Lambda puts the role's keys in the environment; reading them directly skips the provider chain's probing. */
    private static AwsCredentialsProvider credentialsFrom(Env env) {
        Optional<String> key = env.optional("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.optional("AWS_SECRET_ACCESS_KEY");
        if (key.isEmpty() || secret.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        Optional<String> session = env.optional("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(session.isPresent()
                ? AwsSessionCredentials.create(key.get(), secret.get(), session.get())
                : AwsBasicCredentials.create(key.get(), secret.get()));
    }

    /**
     * Account-based endpoints are off: the credentials built here carry no account id (nor does Lambda's environment),
     * so the regional endpoint is what DynamoDB gets either way, and the client skips resolving the mode.
     */
    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), config.endpoints().aws())
                .accountIdEndpointMode(AccountIdEndpointMode.DISABLED).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), config.endpoints().forSqs()).build();
    }

    public S3Client s3() {
        // emulators serve buckets by path, not by virtual host
        return configure(S3Client.builder(), config.endpoints().aws())
                .forcePathStyle(config.endpoints().aws().isPresent()).build();
    }

    /** Signs URLs with this function's credentials, for the same endpoint (and path style) as {@link #s3()}. */
    public S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder().region(Region.of(config.region())).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.endpoints().aws().isPresent()).build());
        config.endpoints().aws().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public CloudWatchLogsClient logs() {
        return configure(CloudWatchLogsClient.builder(), config.endpoints().aws()).build();
    }

    public SchedulerClient scheduler() {
        return configure(SchedulerClient.builder(), config.endpoints().aws()).build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), config.endpoints().aws()).build();
    }

    /**
     * The management API of a WebSocket API stage ({@code https://{api}.execute-api.{region}.amazonaws.com/{stage}}),
     * each call bounded by {@code timeout}: a push must not hold up the caller for long.
     */
    public ApiGatewayManagementApiClient apiGatewayManagement(URI stageEndpoint, Duration timeout) {
        ApiGatewayManagementApiClientBuilder builder = configure(ApiGatewayManagementApiClient.builder(), Optional.of(stageEndpoint));
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().apiCallTimeout(timeout).build()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Optional<URI> endpoint) {
        builder.region(Region.of(config.region()));
        endpoint.ifPresent(builder::endpointOverride);
        builder.credentialsProvider(credentials);
        var overrides = ClientOverrideConfiguration.builder();
        for (ExecutionInterceptor interceptor : interceptors) {
            overrides.addExecutionInterceptor(interceptor);
        }
        builder.overrideConfiguration(overrides.build());
        builder.httpClient(http());
        return builder;
    }

    private synchronized SdkHttpClient http() {
        if (http == null) {
            http = UrlConnectionHttpClient.builder().build();
        }
        return http;
    }
}
