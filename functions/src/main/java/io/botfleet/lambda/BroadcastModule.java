package io.botfleet.lambda;

import io.botfleet.api.AudienceRoutes;
import io.botfleet.api.CampaignRoutes;
import io.botfleet.api.Route;
import io.botfleet.bots.Bot;
import io.botfleet.bots.BotRegistry;
import io.botfleet.broadcast.CampaignService;
import io.botfleet.broadcast.DynamoSubscriberStates;
import io.botfleet.broadcast.campaign.CampaignLifecycle;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DynamoCampaignStore;
import io.botfleet.broadcast.campaign.ScheduleRelease;
import io.botfleet.broadcast.content.LibraryMedia;
import io.botfleet.broadcast.plan.AudienceCounter;
import io.botfleet.broadcast.plan.BroadcastPlanner;
import io.botfleet.broadcast.plan.DynamoAudiencePager;
import io.botfleet.broadcast.plan.SqsCampaignStarts;
import io.botfleet.broadcast.plan.SqsSendQueue;
import io.botfleet.broadcast.send.BatchSender;
import io.botfleet.broadcast.send.BotSendProfile;
import io.botfleet.broadcast.send.BotSendProfiles;
import io.botfleet.broadcast.send.DeliveryLedger;
import io.botfleet.broadcast.send.DeliveryObserver;
import io.botfleet.broadcast.send.MessageTransport;
import io.botfleet.broadcast.send.DynamoDeliveryLedger;
import io.botfleet.broadcast.send.SendSettings;
import io.botfleet.broadcast.send.SenderService;
import io.botfleet.scheduling.ScheduledStarter;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.TelegramBotApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The broadcast capability assembled once per function instance: the api, planner and sender each take a part. */
public record BroadcastModule(CampaignStore campaigns, CampaignLifecycle lifecycle, DeliveryLedger ledger,
                              BotSendProfiles bots, CampaignService service, BroadcastPlanner planner,
                              TelegramBotApi telegram, DynamoDbClient dynamoDb,
                              PlatformConfig config, BotsModule botsModule, Clock clock, SqsClient sqs, MediaModule media,
                              AdsModule ads) {

    /** Pages of a thousand subscribers a filtered recipient count reads at most: beyond, it is a lower bound. */
    static final int AUDIENCE_COUNT_PAGES = 100;

    /** Without the media library: campaigns cannot name library media (tests and benchmarks of sending alone). */
    public static BroadcastModule create(PlatformConfig config, DynamoDbClient dynamoDb, SqsClient sqs, BotsModule botsModule,
                                         TelegramBotApi telegram, Clock clock) {
        return create(config, dynamoDb, sqs, botsModule, telegram, clock, null, ScheduleRelease.NONE);
    }

    /**
     * @param media     the media library campaigns may name items of (null: none)
     * @param schedules what to tell when a scheduled campaign is started now or cancelled (the API: its trigger goes)
     */
    public static BroadcastModule create(PlatformConfig config, DynamoDbClient dynamoDb, SqsClient sqs, BotsModule botsModule,
                                         TelegramBotApi telegram, Clock clock, MediaModule media, ScheduleRelease schedules) {
        CampaignStore campaigns = new DynamoCampaignStore(dynamoDb, config.tables().campaigns(), clock);
        CampaignLifecycle lifecycle = new CampaignLifecycle(campaigns, clock);
        DeliveryLedger ledger = new DynamoDeliveryLedger(dynamoDb, config.tables().deliveries(), config.tables().campaigns(), clock);
        BotRegistry registry = botsModule.registry();
        BotSendProfiles bots = botId -> registry.get(botId)
                .filter(b -> !"disabled".equals(b.status()))
                .map(b -> new BotSendProfile(botId, registry.token(b).reveal(), b.sendRatePerSec(),
                        b.paidBroadcast() ? Bot.MAX_PAID_SEND_RATE : 0));
        AdsModule ads = AdsModule.create(config, dynamoDb, campaigns, botsModule.keys(), clock);
        var sendQueue = new SqsSendQueue(sqs, config.queues().send(), config.queues().paidSend());
        var starts = new SqsCampaignStarts(sqs, config.queues().campaignStart());
        CampaignService service = new CampaignService(campaigns, lifecycle, starts, sendQueue, ledger, bots,
                media == null ? MessageTransport.direct(telegram) : media.transport(telegram),
                media == null ? LibraryMedia.NONE : media.library(), clock, schedules);
        BroadcastPlanner planner = new BroadcastPlanner(campaigns,
                new DynamoAudiencePager(dynamoDb, config.tables().subscribers()), sendQueue);
        return new BroadcastModule(campaigns, lifecycle, ledger, bots, service, planner, telegram, dynamoDb, config,
                botsModule, clock, sqs, media, ads);
    }

    /** Everything from a function's environment (sender and planner functions). */
    public static BroadcastModule fromEnv(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        var aws = new AwsClientFactory(env, config);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        TelegramBotApi telegram = TelegramBotApi.create(config.telegramApiBase());
        Clock clock = Clock.systemUTC();
        BotsModule bots = BotsModule.create(env, config, dynamoDb,
                new PlatformSecret(aws.secretsManager(), config.platformSecretId()), telegram, clock);
        return create(config, dynamoDb, aws.sqs(), bots, telegram, clock, MediaModule.create(env, config, dynamoDb, clock),
                ScheduleRelease.NONE);
    }

    /** The sender's time budget: its timeout (LAMBDA_TIMEOUT_SECONDS, default 120 as in template.yaml). */
    public static Duration senderBudget(Env env) {
        return Duration.ofSeconds(Long.parseLong(env.orDefault("SENDER_TIMEOUT_SECONDS", "120")));
    }

    public List<Route> routes() {
        Predicate<String> botExists = botId -> botsModule.registry().get(botId).isPresent();
        List<Route> routes = new ArrayList<>(CampaignRoutes.routes(service, campaigns, ledger, botExists,
                botsModule.cursors(), clock));
        AudienceCounter audience = new AudienceCounter(new DynamoAudiencePager(dynamoDb, config.tables().subscribers()),
                botId -> botsModule.subscribers().counts(botId).active(), AUDIENCE_COUNT_PAGES);
        routes.addAll(AudienceRoutes.routes(audience, botExists));
        routes.addAll(ads.routes(botsModule.cursors()));
        return routes;
    }

    public PlannerFunction plannerFunction(String metricsNamespace) {
        return new PlannerFunction(campaigns, lifecycle, planner, new ScheduledStarter(campaigns, lifecycle, clock),
                metricsNamespace, DeadLetterReasons.create(config, sqs, dynamoDb, clock));
    }

    /** @param budget how long one invocation may send: the function's timeout less a margin */
    public SenderFunction senderFunction(SendSettings settings, Duration budget, DeliveryObserver observer) {
        return new SenderFunction(senderService(settings, telegram, observer), budget,
                new SqsRedelivery(sqs, List.of(config.queues().send(), config.queues().paidSend())),
                DeadLetterReasons.create(config, sqs, dynamoDb, clock));
    }

    /** What the sender function runs for each SQS delivery, with the Telegram client given (tests shorten its timeouts). */
    public SenderService senderService(SendSettings settings, TelegramBotApi client, DeliveryObserver observer) {
        BatchSender sender = media == null ? new BatchSender(client, ledger, settings)
                : new BatchSender(media.transport(client), ledger, settings);
        return new SenderService(sender, bots, campaigns, lifecycle,
                new DynamoSubscriberStates(dynamoDb, config.tables().subscribers(), clock),
                (botId, tokenMask) -> botsModule.registry().tokenRevoked(botId, tokenMask),
                ads.sponsorships(), observer, clock);
    }
}
