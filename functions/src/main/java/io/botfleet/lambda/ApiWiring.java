package io.botfleet.lambda;

import io.botfleet.analytics.EventArchiveReader;
import io.botfleet.analytics.EventBatchJson;
import io.botfleet.analytics.StatsQuery;
import io.botfleet.api.AdminApi;
import io.botfleet.api.BackupRoutes;
import io.botfleet.api.DeadLetterRoutes;
import io.botfleet.api.EventArchiveRoutes;
import io.botfleet.api.HealthRoutes;
import io.botfleet.api.MediaRoutes;
import io.botfleet.api.OpsRoutes;
import io.botfleet.api.ParkedUpdateRoutes;
import io.botfleet.api.RawDataRoutes;
import io.botfleet.api.Route;
import io.botfleet.api.StatsRoutes;
import io.botfleet.api.StatsTodayRoutes;
import io.botfleet.deadletters.DeadLetterBodyJson;
import io.botfleet.deadletters.DeadLetters;
import io.botfleet.deadletters.DynamoFailureReasons;
import io.botfleet.deadletters.SqsDeadLetterQueues;
import io.botfleet.health.AwsDependencyChecks;
import io.botfleet.health.HealthService;
import io.botfleet.observability.AwsLogArchive;
import io.botfleet.observability.LogSearch;
import io.botfleet.observability.RequestRecordJson;
import io.botfleet.observability.RequestStats;
import io.botfleet.rawdata.DynamoRawTables;
import io.botfleet.rawdata.RawDataViewer;
import io.botfleet.scheduling.ScheduleTriggers;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.webhook.DynamoParkedUpdates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the admin API once per function instance: clients, services, and the route table. */
public final class ApiWiring {
    private ApiWiring() {}

    public static AdminApi create(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        var dynamoDb = aws.dynamoDb();
        var sqs = aws.sqs();
        var s3 = aws.s3();
        var secrets = aws.secretsManager();
        TelegramBotApi telegram = TelegramBotApi.create(config.telegramApiBase());
        Clock clock = Clock.systemUTC();

        List<Route> routes = new ArrayList<>();
        routes.addAll(HealthRoutes.routes(new HealthService(
                AwsDependencyChecks.all(config, dynamoDb, sqs, s3, secrets, telegram), Duration.ofSeconds(3), clock)));
        // one cached copy of the platform's keys for every module: one Secrets Manager read per instance
        PlatformSecret platformSecret = new PlatformSecret(secrets, config.platformSecretId());
        SecurityWiring security = SecurityWiring.create(env, config, dynamoDb, platformSecret, clock);
        routes.addAll(security.routes());
        // bots: registration, ownership and webhooks, their subscribers and parked updates
        BotsModule bots = BotsModule.create(env, config, dynamoDb, platformSecret, telegram, clock);
        routes.addAll(bots.routes());
        routes.addAll(ParkedUpdateRoutes.routes(new DynamoParkedUpdates(dynamoDb, config.tables().deliveries(), clock),
                botId -> bots.registry().get(botId).isPresent()));
        routes.addAll(RawDataRoutes.routes(new RawDataViewer(new DynamoRawTables(dynamoDb, rawTables(config))),
                bots.cursors()));
        // broadcasting: campaigns and their deliveries
        // the media library, which campaigns name their media from
        MediaModule media = MediaModule.create(env, config, dynamoDb, clock);
        routes.addAll(MediaRoutes.routes(media.library(), bots.cursors()));
        ScheduleTriggers triggers = SchedulingWiring.triggers(env, aws);
        BroadcastModule broadcast = BroadcastModule.create(config, dynamoDb, sqs, bots, telegram, clock, media,
                campaign -> triggers.delete(campaign.id()));
        routes.addAll(broadcast.routes());
        // scheduled and recurring campaigns: their EventBridge Scheduler schedules and a series' runs
        routes.addAll(SchedulingWiring.routes(broadcast, triggers));
        // the dead-letter queues of every queue with one (DEAD_LETTER_QUEUES), with the reasons the consumers recorded
        routes.addAll(DeadLetterRoutes.routes(new DeadLetters(
                new SqsDeadLetterQueues(sqs, SqsDeadLetterQueues.parse(env.required("DEAD_LETTER_QUEUES"))),
                new DynamoFailureReasons(dynamoDb, config.tables().ephemeral(), clock), DeadLetterBodyJson::summary)));
        // analytics: the aggregator's counters as series
        StatsQuery stats = new StatsQuery(AggregatorFunction.statsStore(env, dynamoDb), clock);
        routes.addAll(StatsRoutes.routes(stats, botId -> bots.registry().get(botId).isPresent(), clock));
        // and every visible bot's figures of the day, for the home page
        routes.addAll(StatsTodayRoutes.routes(stats, bots.registry(), bots.subscribers(), clock));
        // and the raw events the aggregator archived, read back as a download
        routes.addAll(EventArchiveRoutes.routes(new EventArchiveReader(AggregatorFunction.archiveBucket(env, s3),
                EventBatchJson::archivedEvent, EventArchiveRoutes.LIMITS), botId -> bots.registry().get(botId).isPresent(), clock));
        // exports of the platform's data to the backup bucket and their restore into an empty stack
        routes.addAll(BackupRoutes.routes(BackupWiring.backups(env, config, dynamoDb, s3, sqs, clock)));
        // operations: the functions' logs and the request figures read from them (CloudWatch Logs)
        AwsLogArchive logs = new AwsLogArchive(aws.logs(), AwsLogArchive.groups(env.optional("LOG_GROUPS").orElse("")));
        routes.addAll(OpsRoutes.routes(new LogSearch(logs), new RequestStats(logs, RequestRecordJson::parse, clock), clock));
        return new AdminApi(routes, security.edge())
                .observedBy(new PowertoolsRequestMetrics(PlatformConfig.metricsNamespace(env)));
    }

    /** The tables the owner's raw data viewer shows, by the names it shows them under. */
    static Map<String, String> rawTables(PlatformConfig config) {
        PlatformConfig.Tables t = config.tables();
        return Map.of("bots", t.bots(), "subscribers", t.subscribers(), "ephemeral", t.ephemeral(),
                "accounts", t.accounts(), "audit", t.audit(), "campaigns", t.campaigns(), "deliveries", t.deliveries());
    }
}
