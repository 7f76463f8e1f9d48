package io.botfleet.lambda.redirect;

import io.botfleet.ads.Redirects;
import io.botfleet.broadcast.campaign.DynamoCampaignStore;
import io.botfleet.clicks.ClickCodes;
import io.botfleet.clicks.DynamoClickLedger;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.webhook.SecretsManagerWebhookKeys;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the redirect's collaborators once per function instance from its environment. */
public final class RedirectWiring {
    private RedirectWiring() {}

    public record Wired(Redirects redirects, DynamoDbClient dynamoDb, String campaignsTable) {}

    public static Wired create(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        // the webhook's light key reader: one GetSecretValue, started while the rest initialises
        var keys = new SecretsManagerWebhookKeys(aws::secretsManager, config.platformSecretId(), Clock.systemUTC());
        String table = config.tables().campaigns();
        Redirects redirects = new Redirects(new ClickCodes(() -> keys.get().clickCodeKey()),
                new DynamoCampaignStore(dynamoDb, table, Clock.systemUTC()), new DynamoClickLedger(dynamoDb, table),
                Clock.systemUTC());
        return new Wired(redirects, dynamoDb, table);
    }
}
