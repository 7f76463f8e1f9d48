package io.botfleet.bench.broadcast;

import io.botfleet.bench.AwsCost;
import io.botfleet.bench.AwsRequestCounter;
import io.botfleet.bench.EmulatorProcess;
import io.botfleet.bench.SubscriberSeed;
import io.botfleet.bots.BotRegistry;
import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignDraft;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.lambda.BotsModule;
import io.botfleet.lambda.BroadcastModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.lambda.sources.SqsEventSource;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.Limits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A broadcast benchmark's world: the local AWS stack, registered bots with subscribers, the planner polling the
 * campaign-start queue in this JVM, and two child JVMs: the Telegram emulator (see {@link EmulatorProcess}) and the
 * sender (see {@link SenderProcess}), so that each one's CPU time is measured apart.
 */
final class BroadcastFixture implements AutoCloseable {
    final LocalAwsStack stack;
    final EmulatorProcess telegram;
    final Map<String, String> overrides = new HashMap<>();
    final BotsModule bots;
    final BroadcastModule broadcast;
    /** The planner's local wall time: most of it moto answering the audience index's pages. */
    final AtomicLong plannerMillis = new AtomicLong();
    /**
     * What Lambda would bill the planner on AWS: its thread's CPU time plus {@link AwsCost#AWS_REQUEST_MS} per AWS
     * request, as for the webhook: locally its wall time is moto scanning the whole table for each page it asks for.
     */
    final AtomicLong plannerBilledMillis = new AtomicLong();
    /** Planner invocations that returned: a campaign is planned a moment before its invocation ends. */
    private final java.util.concurrent.atomic.AtomicInteger plannerRuns = new java.util.concurrent.atomic.AtomicInteger();
    private final SqsEventSource plannerPoller;

    BroadcastFixture() {
        stack = LocalAwsStack.start();
        telegram = EmulatorProcess.start();
        overrides.put("TELEGRAM_API_BASE", telegram.baseUrl());
        overrides.put("PUBLIC_BASE_URL", "http://127.0.0.1:9");
        TelegramBotApi api = TelegramBotApi.create(URI.create(telegram.baseUrl()));
        // bots registered and campaigns created, started and read back as the API does it, with the API's role
        Env apiEnv = new Env(stack.functionEnvironment("ApiFunction", overrides));
        PlatformConfig apiConfig = PlatformConfig.from(apiEnv);
        AwsClientFactory apiAws = new AwsClientFactory(apiEnv, apiConfig);
        bots = module(apiEnv, apiConfig, apiAws, api);
        broadcast = BroadcastModule.create(apiConfig, apiAws.dynamoDb(), apiAws.sqs(), bots, api, Clock.systemUTC());
        // the planner with its own role, as template.yaml grants it
        Env env = new Env(stack.functionEnvironment("PlannerFunction", overrides));
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        var planner = BroadcastModule.create(config, aws.dynamoDb(), aws.sqs(), module(env, config, aws, api), api,
                Clock.systemUTC()).plannerFunction(PlatformConfig.metricsNamespace(env));
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        InProcessSender timedPlanner = new InProcessSender(event -> {
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            var response = AwsRequestCounter.tallied(() -> planner.apply(event));
            plannerMillis.addAndGet((System.nanoTime() - t0) / 1_000_000);
            plannerBilledMillis.addAndGet((threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000
                    + response.requests() * AwsCost.AWS_REQUEST_MS);
            plannerRuns.incrementAndGet();
            return response.value();
        });
        var start = stack.resource("CampaignStartQueue");
        plannerPoller = new SqsEventSource(aws.sqs(), new SqsEventSource.Source("PlannerFunction", start.ref(),
                start.attribute("Arn"), 1, true, 2), timedPlanner).start();
    }

    private static BotsModule module(Env env, PlatformConfig config, AwsClientFactory aws, TelegramBotApi api) {
        return BotsModule.create(env, config, aws.dynamoDb(), new PlatformSecret(aws.secretsManager(), config.platformSecretId()),
                api, Clock.systemUTC());
    }

    /** The sender of free-rate or of paid campaigns, as template.yaml declares it, on its own queue. */
    SenderProcess sender(boolean paid, int concurrency) {
        return SenderProcess.start(stack.lambda().spec(senderFunction(paid), overrides), concurrency,
                stack.resource(paid ? "PaidSendQueue" : "SendQueue").ref());
    }


    static String senderFunction(boolean paid) {
        return paid ? "PaidSenderFunction" : "SenderFunction";
    }

    /** A bot registered on the platform with {@code subscribers} active subscribers (users of the emulator). */
    String bot(String username, boolean paid, int subscribers) {
        EmulatedBot bot = telegram.createBot(username);
        telegram.setLimits(bot.id(), new Limits(30, 1000, 1, 20));
        String botId = bots.registry().register(bot.token(), "bench").botId();
        if (paid) {
            bots.registry().change(botId, new BotRegistry.Changes(Optional.empty(), Optional.empty(), Optional.of(true),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
        }
        seedSubscribers(botId, telegram.createUsers("U", subscribers));
        telegram.settle();
        return botId;
    }

    private void seedSubscribers(String botId, List<Long> chatIds) {
        Instant joined = Instant.now();
        try (SubscriberSeed seed = new SubscriberSeed(stack.clients().dynamoDb(), "SubscribersTable", botId)) {
            for (long chat : chatIds) {
                seed.add(new SubscriberSeed.Row(chat, "active", "U" + chat, "en", Set.of(), joined));
            }
        }
    }

    String startCampaign(String botId, boolean paid) {
        var draft = new CampaignDraft("bench " + botId, MessageContent.text("Benchmark <b>message</b>", ParseMode.HTML),
                AudienceFilter.ALL, paid, null);
        Campaign campaign = broadcast.service().create(botId, draft, "bench");
        broadcast.service().start(campaign.id());
        return campaign.id();
    }

    /** The messages waiting in the send queues' dead-letter queues, by queue. */
    private Map<String, String> deadLetters() {
        Map<String, String> waiting = new java.util.TreeMap<>();
        for (String dlq : List.of("SendDlq", "PaidSendDlq")) {
            waiting.put(dlq, stack.clients().sqs().getQueueAttributes(b -> b.queueUrl(stack.resource(dlq).ref())
                    .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
        }
        return waiting;
    }

    void awaitCompleted(List<String> campaignIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String id : campaignIds) {
            while (AwsRequestCounter.uncounted(() -> broadcast.campaigns().get(id)).orElseThrow().status() != CampaignStatus.COMPLETED) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("campaign " + id + " did not complete in " + timeout + ": "
                            + AwsRequestCounter.uncounted(() -> broadcast.campaigns().progress(id)) + "; send DLQs: "
                            + AwsRequestCounter.uncounted(this::deadLetters) + "; unfinished batches: "
                            + AwsRequestCounter.uncounted(() -> unfinished(id)));
                }
                sleep(1000);
            }
        }
    }

    private List<String> unfinished(String campaignId) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            var page = broadcast.ledger().page(campaignId, cursor, 100);
            page.chunks().stream().filter(c -> !c.complete())
                    .forEach(c -> out.add(c.batch().batchNo() + ":" + c.snapshot().outcomes() + " inFlight=" + c.snapshot().inFlight()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    void awaitPlanned(List<String> campaignIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String id : campaignIds) {
            while (!AwsRequestCounter.uncounted(() -> broadcast.campaigns().progress(id)).planned()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("campaign " + id + " was not planned in " + timeout);
                }
                sleep(500);
            }
        }
        while (plannerRuns.get() < campaignIds.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the planner did not return in " + timeout);
            }
            sleep(20);
        }
    }

    static void resetCounters() {
        AwsRequestCounter.reset();
    }

    /** Waits without throwing: a benchmark interrupted is stopped by the process ending, not by the sleep. */
    static void sleep(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }


    @Override
    public void close() {
        plannerPoller.close();
        telegram.close();
        stack.close();
    }
}
