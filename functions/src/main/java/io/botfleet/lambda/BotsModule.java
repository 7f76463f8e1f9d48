package io.botfleet.lambda;

import io.botfleet.api.BotRoutes;
import io.botfleet.api.Route;
import io.botfleet.api.SubscriberRoutes;
import io.botfleet.bots.BotRegistry;
import io.botfleet.bots.BotStore;
import io.botfleet.bots.DynamoBotStore;
import io.botfleet.bots.TokenCipher;
import io.botfleet.bots.WebhookSecrets;
import io.botfleet.ownership.BotOwnership;
import io.botfleet.ownership.DynamoLeaseStore;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.paging.CursorCodec;
import io.botfleet.shared.secrets.PlatformKeys;
import io.botfleet.subscribers.DynamoSubscriberStore;
import io.botfleet.subscribers.SubscriberBook;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.TelegramBotApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bots capability assembled from a function's environment: registry, ownership, subscribers and their routes.
 * Functions (api, heartbeat, sender, local runner) build one per instance and take what they need.
 */
public record BotsModule(BotRegistry registry, BotOwnership ownership, SubscriberBook subscribers, CursorCodec cursors,
                         Supplier<PlatformKeys> keys) {

    /** Default lease: three heartbeat periods, so one missed beat does not fail a bot over. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(180);

    public static BotsModule create(Env env, PlatformConfig config, DynamoDbClient dynamoDb, Supplier<PlatformKeys> keys,
                                    TelegramBotApi telegram, Clock clock) {
        BotStore store = new DynamoBotStore(dynamoDb, config.tables().bots());
        BotOwnership ownership = new BotOwnership(new DynamoLeaseStore(dynamoDb, config.tables().bots()),
                PlatformConfig.instanceId(env), leaseDuration(env), clock);
        SubscriberBook subscribers = new SubscriberBook(new DynamoSubscriberStore(dynamoDb, config.tables().subscribers()));
        BotRegistry registry = new BotRegistry(store, new BotAdminApi(telegram),
                new TokenCipher(() -> keys.get().tokenEncryptionKey()),
                new WebhookSecrets(() -> keys.get().webhookSecretKey()),
                ownership, config.webhookBaseUrl(), subscribers::purge, clock);
        CursorCodec cursors = new CursorCodec(() -> PlatformKeys.hmac(keys.get().webhookSecretKey(),
                "list-cursor/v1".getBytes(StandardCharsets.UTF_8)));
        return new BotsModule(registry, ownership, subscribers, cursors, keys);
    }

    public static Duration leaseDuration(Env env) {
        return env.optional("LEASE_SECONDS").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(DEFAULT_LEASE);
    }


    /** Every admin route of bots and subscribers. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>(BotRoutes.routes(registry, ownership, subscribers, cursors));
        routes.addAll(SubscriberRoutes.routes(subscribers, botId -> registry.get(botId).isPresent(), cursors));
        return routes;
    }
}
