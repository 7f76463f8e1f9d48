package io.botfleet.lambda;

import io.botfleet.api.CampaignRoutes;
import io.botfleet.auth.AccessChanges;
import io.botfleet.auth.DynamoCounters;
import io.botfleet.auth.DynamoSessionStore;
import io.botfleet.auth.DynamoUserStore;
import io.botfleet.auth.LoginBackoff;
import io.botfleet.auth.PasswordHasher;
import io.botfleet.auth.SignIn;
import io.botfleet.auth.TokenService;
import io.botfleet.bots.BotStore;
import io.botfleet.bots.DynamoBotStore;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DynamoCampaignStore;
import io.botfleet.broadcast.send.DeliveryObserver;
import io.botfleet.live.AwsLivePush;
import io.botfleet.live.BotFeed;
import io.botfleet.live.CampaignFeed;
import io.botfleet.live.ConnectionStore;
import io.botfleet.live.DynamoConnectionStore;
import io.botfleet.live.LivePublisher;
import io.botfleet.live.LiveSessions;
import io.botfleet.live.LiveSync;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Live progress for dashboards, from a function's environment: {@code LIVE_ENDPOINT} is the WebSocket API stage's
 * management endpoint (template.yaml); a function without it publishes nothing.
 */
final class LiveWiring {
    /** One push waits this long at most: a slow dashboard connection must not slow a send batch. */
    static final Duration PUSH_TIMEOUT = Duration.ofSeconds(2);

    private LiveWiring() {}

    /** The sender's metrics, followed by its campaigns' progress to the dashboards when the function has a live endpoint. */
    static DeliveryObserver withLiveProgress(Env env, BroadcastModule broadcast, DeliveryObserver metrics) {
        return env.uri("LIVE_ENDPOINT").<DeliveryObserver>map(endpoint -> {
            LivePublisher publisher = publisher(env, broadcast.config(), endpoint,
                    connections(broadcast.config(), broadcast.dynamoDb()), broadcast.clock());
            return new LiveDeliveryObserver(metrics, campaignFeed(broadcast.campaigns(), publisher, broadcast.clock()),
                    new BotFeed(broadcast.botsModule().registry().store(), publisher));
        }).orElse(metrics);
    }

    /** Closes a user's dashboard connections when their access changes, when the function has a live endpoint. */
    static AccessChanges liveSessions(Env env, PlatformConfig config, DynamoDbClient dynamoDb, Clock clock) {
        return env.uri("LIVE_ENDPOINT").<AccessChanges>map(endpoint -> new LiveSessions(connections(config, dynamoDb),
                push(env, config, endpoint))).orElse(AccessChanges.NONE);
    }

    /** Bots' health to the dashboards, when the function has a live endpoint. */
    static Optional<BotFeed> botFeed(Env env, PlatformConfig config, DynamoDbClient dynamoDb, BotStore bots, Clock clock) {
        return env.uri("LIVE_ENDPOINT").map(endpoint ->
                new BotFeed(bots, publisher(env, config, endpoint, connections(config, dynamoDb), clock)));
    }

    static LiveFunction liveFunction(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        Clock clock = Clock.systemUTC();
        ConnectionStore connections = connections(config, dynamoDb);
        PlatformSecret keys = new PlatformSecret(aws.secretsManager(), config.platformSecretId());
        String accounts = config.tables().accounts();
        SignIn users = new SignIn(new DynamoUserStore(dynamoDb, accounts), new DynamoSessionStore(dynamoDb, accounts),
                new PasswordHasher(), new TokenService(keys),
                LoginBackoff.standard(new DynamoCounters(dynamoDb, config.tables().ephemeral())), keys, clock);
        LivePublisher publisher = publisher(env, config, URI.create(env.required("LIVE_ENDPOINT")), connections, clock);
        return new LiveFunction(users::authenticate, connections, new LiveSync(List.of(
                campaignFeed(new DynamoCampaignStore(dynamoDb, config.tables().campaigns(), clock), publisher, clock),
                new BotFeed(new DynamoBotStore(dynamoDb, config.tables().bots()), publisher)), publisher), clock);
    }

    private static ConnectionStore connections(PlatformConfig config, DynamoDbClient dynamoDb) {
        return new DynamoConnectionStore(dynamoDb, config.tables().ephemeral());
    }

    private static LivePublisher publisher(Env env, PlatformConfig config, URI endpoint, ConnectionStore connections,
                                           Clock clock) {
        return new LivePublisher(connections, push(env, config, endpoint), clock);
    }

    private static AwsLivePush push(Env env, PlatformConfig config, URI endpoint) {
        return new AwsLivePush(new AwsClientFactory(env, config).apiGatewayManagement(endpoint, PUSH_TIMEOUT));
    }

    private static CampaignFeed campaignFeed(CampaignStore campaigns, LivePublisher publisher, Clock clock) {
        return new CampaignFeed(campaigns, publisher, (c, p) -> CampaignRoutes.progressView(c, p, clock));
    }
}
