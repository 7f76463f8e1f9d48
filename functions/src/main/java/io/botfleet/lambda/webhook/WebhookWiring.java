package io.botfleet.lambda.webhook;

import io.botfleet.bots.WebhookSecrets;
import io.botfleet.clicks.ClickCodes;
import io.botfleet.clicks.DynamoClickLedger;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.logging.EmbeddedMetrics;
import io.botfleet.webhook.DynamoBotConfigSource;
import io.botfleet.webhook.DynamoParkedUpdates;
import io.botfleet.webhook.DynamoUpdateLedger;
import io.botfleet.webhook.SecretsManagerWebhookKeys;
import io.botfleet.webhook.TelegramUpdateJson;
import io.botfleet.webhook.WebhookService;
import java.time.Clock;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the webhook's collaborators once per function instance from its environment. */
public final class WebhookWiring {
    private WebhookWiring() {}

    public record Wired(WebhookService service, WebhookMetrics metrics, DynamoDbClient dynamoDb, String botsTable) {}

    public static Wired create(Env env, ExecutionInterceptor... interceptors) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config, interceptors);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        SecretsManagerWebhookKeys secret = new SecretsManagerWebhookKeys(aws::secretsManager, config.platformSecretId(), Clock.systemUTC());
        WebhookService service = new WebhookService(new TelegramUpdateJson(),
                new DynamoBotConfigSource(dynamoDb, config.tables().bots()),
                new WebhookSecrets(() -> secret.get().webhookSecretKey()),
                new DynamoUpdateLedger(dynamoDb, config.tables().bots(), config.tables().subscribers(), config.tables().ephemeral()),
                new DynamoParkedUpdates(dynamoDb, config.tables().deliveries(), Clock.systemUTC()),
                new ClickCodes(() -> secret.get().clickCodeKey()), new DynamoClickLedger(dynamoDb, config.tables().campaigns()),
                PlatformConfig.instanceId(env), config.webhookSourceCheck(), Clock.systemUTC());
        WebhookMetrics metrics = new WebhookMetrics(new EmbeddedMetrics(PlatformConfig.metricsNamespace(env), Clock.systemUTC()));
        return new Wired(service, metrics, dynamoDb, config.tables().bots());
    }
}
