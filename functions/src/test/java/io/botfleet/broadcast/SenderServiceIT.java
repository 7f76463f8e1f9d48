package io.botfleet.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.api.BotView;
import io.botfleet.bots.Bot;
import io.botfleet.bots.BotTestKit;
import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.broadcast.plan.DynamoAudiencePager;
import io.botfleet.broadcast.send.DeliveryLedger;
import io.botfleet.broadcast.send.DeliveryObserver;
import io.botfleet.broadcast.send.LedgerChunk;
import io.botfleet.broadcast.send.SendBatch;
import io.botfleet.broadcast.send.SendBatchJson;
import io.botfleet.broadcast.send.SendSettings;
import io.botfleet.broadcast.send.SenderService;
import io.botfleet.lambda.BotsModule;
import io.botfleet.lambda.BroadcastModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.ids.Ulid;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.subscribers.SubscriberCounts;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedGroup;
import io.botfleet.telegram.emulator.TelegramEmulator;
import io.botfleet.webhook.DynamoUpdateLedger;
import io.botfleet.webhook.UpdateLedger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sender service as the sender function runs it (stores on the local stack with the sender's IAM role, the
 * Telegram emulator), fed send batches directly instead of through SQS: what Telegram answers changes subscribers,
 * campaigns and bots.
 */
@LocalAws
class SenderServiceIT {
    static final SendSettings FAST = new SendSettings(0.5, 256, 3, Duration.ofMillis(20), Duration.ofSeconds(1));
    static TelegramEmulator telegram;
    static LocalAwsStack aws;
    static BotsModule bots;
    static BroadcastModule broadcast;
    static DynamoUpdateLedger updates;
    static DynamoAudiencePager audiences;
    static final AtomicLong updateIds = new AtomicLong(1);
    /** Serves campaign media on loopback, as a CDN would: the emulator fetches URL media as Telegram does. */
    static com.sun.net.httpserver.HttpServer media;
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};
    static int seq;

    @BeforeAll
    static void start(LocalAwsStack stack) throws java.io.IOException {
        media = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        media.createContext("/banner.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
            exchange.close();
        });
        media.createContext("/page.html", exchange -> {
            byte[] html = "<html>not a picture</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        media.start();
        telegram = TelegramEmulator.start(0);
        aws = stack;
        // registering a bot is the API's business; sending runs with the sender function's environment and role
        bots = BotTestKit.module(BotTestKit.env(stack, "ApiFunction", "http://127.0.0.1:9", telegram.baseUrl(), "primary", Map.of()));
        Env env = BotTestKit.env(stack, "SenderFunction", "http://127.0.0.1:9", telegram.baseUrl(), "primary", Map.of());
        senderEnv = env;
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory clients = new AwsClientFactory(env, config);
        BotsModule senderBots = BotTestKit.module(env);
        broadcast = BroadcastModule.create(config, clients.dynamoDb(), clients.sqs(), senderBots,
                TelegramBotApi.create(URI.create(telegram.baseUrl())), Clock.systemUTC());
        updates = new DynamoUpdateLedger(stack.clients().dynamoDb(), stack.resource("BotsTable").ref(),
                stack.resource("SubscribersTable").ref(), stack.resource("EphemeralTable").ref());
        audiences = new DynamoAudiencePager(stack.clients().dynamoDb(), stack.resource("SubscribersTable").ref());
    }

    @AfterAll
    static void stop() {
        telegram.close();
        media.stop(0);
    }

    private static String mediaUrl(String path) {
        return "http://127.0.0.1:" + media.getAddress().getPort() + path;
    }

    private static EmulatedBot registeredBot() {
        EmulatedBot bot = telegram.createBot("svc" + (++seq) + "_bot", "Sender " + seq);
        bots.registry().register(bot.token(), "test");
        return bot;
    }

    /** A subscriber as the webhook records one on /start (or, for a group, on the bot's first message there). */
    private static void subscribe(EmulatedBot bot, long chatId, String chatType) {
        String botId = Long.toString(bot.id());
        var fence = bots.ownership().current(botId).orElseThrow().fence();
        updates.record(new UpdateLedger.UpdateRecord(botId, updateIds.getAndIncrement(), fence,
                Optional.of(new UpdateLedger.Contact(Long.toString(chatId), chatType, "Chat" + chatId, null, "en")),
                Optional.of(Subscriber.ACTIVE), Optional.empty(), Instant.now()));
    }

    private static Campaign running(EmulatedBot bot, DeliveryPolicy policy) {
        return running(bot, policy, MessageContent.text("Hello <b>everyone</b>", ParseMode.HTML));
    }

    private static Campaign running(EmulatedBot bot, DeliveryPolicy policy, MessageContent content) {
        Instant now = Instant.now();
        Campaign c = new Campaign(Ulid.next(now), Long.toString(bot.id()), "campaign " + seq, content, AudienceFilter.ALL,
                false, policy, CampaignStatus.RUNNING, 1, now, "test", now, null, null);
        broadcast.campaigns().create(c);
        return c;
    }

    /** What the planner does, without the queue: the active audience in batches, the plan recorded as done. */
    private static List<SendBatch> plan(Campaign c) {
        return plan(c, SendBatch.sizeFor(c.paid()));
    }

    private static List<SendBatch> plan(Campaign c, int batchSize) {
        List<Long> chats = new ArrayList<>();
        String cursor = null;
        do {
            var page = audiences.page(c.botId(), c.audience(), cursor, 1000);
            chats.addAll(page.chatIds());
            cursor = page.nextCursor();
        } while (cursor != null);
        List<SendBatch> batches = new ArrayList<>();
        for (int from = 0; from < chats.size(); from += batchSize) {
            batches.add(new SendBatch(c.id(), c.botId(), batches.size(),
                    chats.subList(from, Math.min(chats.size(), from + batchSize))));
        }
        broadcast.campaigns().savePlan(c.id(), new CampaignStore.PlanProgress(null, batches.size(), chats.size(), true));
        return batches;
    }

    /** {@code n} users who started the bot, subscribed. */
    private static List<Long> subscribers(EmulatedBot bot, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = telegram.createUser("User" + i, "u" + i + "_" + seq, "en").id();
            subscribe(bot, id, "private");
            ids.add(id);
        }
        return ids;
    }

    private static Env senderEnv;

    private static SenderService sender() {
        return broadcast.senderService(FAST, TelegramBotApi.create(URI.create(telegram.baseUrl())), DeliveryObserver.NONE);
    }

    private static Campaign campaign(String id) {
        return broadcast.campaigns().get(id).orElseThrow();
    }

    private static List<SenderService.Delivery> deliveries(List<SendBatch> batches) {
        return batches.stream().map(b -> new SenderService.Delivery("m-" + b.campaignId() + "-" + b.batchNo(), b)).toList();
    }

    private static List<Long> activeAudience(EmulatedBot bot) {
        return audiences.page(Long.toString(bot.id()), AudienceFilter.ALL, null, 1000).chatIds();
    }

    private static String status(EmulatedBot bot, long chatId) {
        return bots.subscribers().get(Long.toString(bot.id()), Long.toString(chatId)).map(Subscriber::status).orElse("absent");
    }

    @Test
    void refusalsGiveSubscribersTheStateTheyMeanAndTakeThemOutOfLaterAudiences() {
        EmulatedBot bot = registeredBot();
        long reader = telegram.createUser("Reader", "reader" + seq, "en").id();
        long blocker = telegram.createUser("Blocker", "blocker" + seq, "en").id();
        long gone = telegram.createUser("Gone", "gone" + seq, "en").id();
        long stranger = telegram.createUser("Stranger", "stranger" + seq, "en", false).id();
        EmulatedGroup kickedFrom = telegram.createBasicGroup("Kicked " + seq);
        EmulatedGroup upgraded = telegram.createBasicGroup("Upgraded " + seq);
        for (long user : List.of(reader, blocker, gone, stranger)) {
            subscribe(bot, user, "private");
        }
        subscribe(bot, kickedFrom.id(), "group");
        subscribe(bot, upgraded.id(), "group");
        telegram.userBlocksBot(bot.id(), blocker);
        telegram.deactivateUser(gone);
        telegram.kickBotFromGroup(bot.id(), kickedFrom.id());
        EmulatedGroup supergroup = telegram.migrateGroupToSupergroup(upgraded.id());

        Campaign campaign = running(bot, DeliveryPolicy.AT_MOST_ONCE);
        var retries = broadcast.senderService(FAST, TelegramBotApi.create(URI.create(telegram.baseUrl())), DeliveryObserver.NONE)
                .send(deliveries(plan(campaign)), () -> 60_000);

        assertThat(retries).isEmpty();
        assertThat(status(bot, reader)).isEqualTo(Subscriber.ACTIVE);
        assertThat(status(bot, blocker)).isEqualTo(Subscriber.BLOCKED);
        assertThat(status(bot, gone)).isEqualTo(Subscriber.DEACTIVATED);
        assertThat(status(bot, stranger)).isEqualTo(Subscriber.NOT_STARTED);
        assertThat(status(bot, kickedFrom.id())).isEqualTo(Subscriber.KICKED);
        // the group is known by its supergroup's id now, still active, and got the campaign there
        assertThat(status(bot, upgraded.id())).isEqualTo("absent");
        assertThat(status(bot, supergroup.id())).isEqualTo(Subscriber.ACTIVE);
        assertThat(telegram.messagesReceivedBy(bot.id(), supergroup.id())).hasSize(1);
        assertThat(bots.subscribers().counts(Long.toString(bot.id()))).isEqualTo(new SubscriberCounts(2, 1, 0, 1, 1, 1, 6));
        assertThat(activeAudience(bot)).containsExactlyInAnyOrder(reader, supergroup.id());

        var progress = broadcast.campaigns().progress(campaign.id());
        assertThat(progress.count(DeliveryOutcome.SENT)).isEqualTo(2);
        assertThat(progress.count(DeliveryOutcome.BLOCKED)).isEqualTo(1);
        assertThat(progress.count(DeliveryOutcome.DEACTIVATED)).isEqualTo(1);
        assertThat(progress.count(DeliveryOutcome.NOT_STARTED)).isEqualTo(1);
        assertThat(progress.count(DeliveryOutcome.KICKED)).isEqualTo(1);
        assertThat(broadcast.campaigns().get(campaign.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);

        // the next campaign goes to the supergroup directly and to nobody who refused
        int before = telegram.totalMessagesSent(bot.id());
        Campaign next = running(bot, DeliveryPolicy.AT_MOST_ONCE);
        broadcast.senderService(FAST, TelegramBotApi.create(URI.create(telegram.baseUrl())), DeliveryObserver.NONE)
                .send(deliveries(plan(next)), () -> 60_000);
        assertThat(telegram.totalMessagesSent(bot.id()) - before).isEqualTo(2);
        assertThat(telegram.calls(bot.id()).stream().filter(c -> c.status() != 200).count())
                .as("the second campaign met no refusal").isEqualTo(5);
    }

    @Test
    void aRevokedTokenStopsTheBotAtOncePausesItsCampaignsAndAResumeWithTheNewTokenContinues() throws Exception {
        EmulatedBot bot = registeredBot();
        String botId = Long.toString(bot.id());
        List<Long> people = subscribers(bot, 120);
        // 10 messages a second: the revocation below lands well inside the campaign (at about 40 of 120)
        bots.registry().change(botId, new io.botfleet.bots.BotRegistry.Changes(Optional.empty(), Optional.of(10),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
        Campaign campaign = running(bot, DeliveryPolicy.AT_MOST_ONCE);
        Campaign waiting = running(bot, DeliveryPolicy.AT_MOST_ONCE); // running too, its batches not here yet
        List<SendBatch> batches = plan(campaign);
        assertThat(batches).hasSize(2);

        // the owner revokes the token in BotFather while the campaign is being sent
        var sending = CompletableFuture.supplyAsync(() -> sender().send(deliveries(batches), () -> 60_000));
        while (telegram.totalMessagesSent(bot.id()) < 40 && !sending.isDone()) {
            Thread.sleep(5);
        }
        EmulatedBot renewed = telegram.revokeToken(bot.id());
        var retries = sending.get();

        int delivered = telegram.totalMessagesSent(bot.id());
        assertThat(delivered).isBetween(40, 119);
        assertThat(retries).as("the batches are done with: a resume queues them again from the ledger").isEmpty();
        for (Campaign c : List.of(campaign(campaign.id()), campaign(waiting.id()))) {
            assertThat(c.status()).isEqualTo(CampaignStatus.PAUSED);
            assertThat(c.statusReason()).isEqualTo("token revoked");
        }
        Bot flagged = bots.registry().get(botId).orElseThrow();
        assertThat(flagged.tokenRevokedAt()).isNotNull();
        assertThat(BotView.of(flagged, Optional.empty(), Optional.empty(), new SubscriberCounts(0, 0, 0, 0), Instant.now()).tokenRevoked()).isTrue();
        // nobody was marked failed: whoever did not get it is still pending, and progress shows what went out
        DeliveryLedger ledger = broadcast.ledger();
        long pending = 0;
        for (SendBatch b : batches) {
            LedgerChunk chunk = ledger.load(b).orElseThrow();
            assertThat(chunk.counts()).doesNotContainKeys(DeliveryOutcome.FAILED, DeliveryOutcome.NOT_FOUND, DeliveryOutcome.UNKNOWN);
            pending += chunk.counts().getOrDefault(DeliveryOutcome.PENDING, 0);
            assertThat(chunk.snapshot().inFlight()).isEmpty();
        }
        assertThat(pending).isEqualTo(120 - delivered);
        assertThat(broadcast.campaigns().progress(campaign.id()).count(DeliveryOutcome.SENT)).isEqualTo(delivered);

        // the admin replaces the token and resumes: the rest get it, nobody twice
        bots.registry().rotateToken(botId, renewed.token());
        assertThat(bots.registry().get(botId).orElseThrow().tokenRevokedAt()).isNull();
        assertThat(broadcast.lifecycle().move(campaign.id(), CampaignStatus.RUNNING))
                .isInstanceOf(io.botfleet.broadcast.campaign.CampaignLifecycle.Transition.Moved.class);
        assertThat(campaign(campaign.id()).statusReason()).isNull();
        assertThat(sender().send(deliveries(batches), () -> 60_000)).isEmpty();
        for (long person : people) {
            assertThat(telegram.messagesReceivedBy(bot.id(), person)).as("chat %d", person).hasSize(1);
        }
        assertThat(broadcast.campaigns().progress(campaign.id()).count(DeliveryOutcome.SENT)).isEqualTo(120);
        assertThat(campaign(campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    private static MessageContent photo(String url) {
        return new MessageContent("Our <b>spring</b> collection", ParseMode.HTML, List.of(),
                new io.botfleet.broadcast.content.Media(io.botfleet.broadcast.content.MediaKind.PHOTO, url, null, null),
                List.of(), false, false);
    }

    @Test
    void aPhotoCampaignByUrlReachesEveryone() {
        EmulatedBot bot = registeredBot();
        List<Long> people = subscribers(bot, 5);
        Campaign campaign = running(bot, DeliveryPolicy.AT_MOST_ONCE, photo(mediaUrl("/banner.png")));

        // with the sender's stats counters (its role may add to StatsTable)
        var stats = new io.botfleet.analytics.StatsDeliveryObserver(io.botfleet.lambda.AggregatorFunction.statsStore(senderEnv,
                broadcast.dynamoDb()), new io.botfleet.shared.time.TestClock("2026-11-30T10:00:00Z"));
        assertThat(broadcast.senderService(FAST, TelegramBotApi.create(URI.create(telegram.baseUrl())), stats)
                .send(deliveries(plan(campaign)), () -> 60_000)).isEmpty();
        var today = java.time.Instant.parse("2026-11-30T00:00:00Z");
        var counted = new io.botfleet.analytics.DynamoStatsStore(aws.clients().dynamoDb(), aws.resource("StatsTable").ref(),
                java.time.Duration.ofDays(90), Optional.empty()).counters(Long.toString(bot.id()),
                io.botfleet.analytics.Granularity.DAY, today, today.plus(java.time.Duration.ofDays(1)));
        assertThat(counted.get(today)).containsEntry(io.botfleet.analytics.Metric.DELIVERIES_SENT, 5L);

        for (long person : people) {
            var received = telegram.messagesReceivedBy(bot.id(), person);
            assertThat(received).hasSize(1);
            assertThat(received.getFirst().method()).isEqualTo("sendPhoto");
            assertThat(received.getFirst().fileId()).isNotBlank();
        }
        assertThat(campaign(campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(broadcast.campaigns().progress(campaign.id()).count(DeliveryOutcome.SENT)).isEqualTo(5);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "/missing.png | Bad Request: failed to get HTTP URL content",
            "/page.html   | Bad Request: wrong type of the web page content"})
    void mediaTelegramCannotUsePausesTheCampaignAtTheFirstAnswerWithTelegramsReason(String path, String description) {
        EmulatedBot bot = registeredBot();
        subscribers(bot, 110);
        Campaign campaign = running(bot, DeliveryPolicy.AT_MOST_ONCE, photo(mediaUrl(path)));
        List<SendBatch> batches = plan(campaign);

        var retries = sender().send(deliveries(batches), () -> 60_000);

        assertThat(retries).as("acknowledged: a resume queues the batches again").isEmpty();
        Campaign paused = campaign(campaign.id());
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusReason()).isEqualTo(description);
        // the first send found it; nobody else was tried and nobody is marked failed
        assertThat(telegram.calls(bot.id()).stream().filter(c -> c.method().equals("sendPhoto")).count()).isEqualTo(1);
        assertThat(telegram.totalMessagesSent(bot.id())).isZero();
        for (SendBatch b : batches) {
            LedgerChunk chunk = broadcast.ledger().load(b).orElseThrow();
            assertThat(chunk.counts()).containsOnlyKeys(DeliveryOutcome.PENDING);
            assertThat(chunk.snapshot().inFlight()).isEmpty();
        }
        assertThat(broadcast.campaigns().progress(campaign.id()).finished()).isZero();
    }

    private static void assertAllPending(List<SendBatch> batches) {
        for (SendBatch b : batches) {
            LedgerChunk chunk = broadcast.ledger().load(b).orElseThrow();
            assertThat(chunk.counts()).containsOnlyKeys(DeliveryOutcome.PENDING);
            assertThat(chunk.snapshot().inFlight()).isEmpty();
        }
    }

    @Test
    void aRetryAfterLongerThanTheInvocationHasLeftHandsTheBotsBatchesBackForThatLongInsteadOfSleeping() {
        EmulatedBot bot = registeredBot();
        subscribers(bot, 10);
        Campaign campaign = running(bot, DeliveryPolicy.AT_MOST_ONCE);
        List<SendBatch> batches = plan(campaign, 5);
        telegram.faults(bot.id(), io.botfleet.telegram.emulator.Faults.floodWait(30));

        // 15 s left in the invocation: a 30 s flood wait cannot be sat out
        List<SenderService.Retry> retries = sender().send(deliveries(batches), () -> 15_000);

        assertThat(retries).extracting(SenderService.Retry::messageId)
                .containsExactlyElementsOf(deliveries(batches).stream().map(SenderService.Delivery::messageId).toList());
        assertThat(retries).extracting(SenderService.Retry::visibleAfter).containsOnly(Optional.of(Duration.ofSeconds(30)));
        assertThat(telegram.calls(bot.id()).stream().filter(c -> c.method().equals("sendMessage")).count())
                .as("the first 429 stopped the bot").isEqualTo(1);
        assertThat(telegram.totalMessagesSent(bot.id())).isZero();
        assertAllPending(batches);
        assertThat(campaign(campaign.id()).status()).isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void batchesTheInvocationHasNoTimeLeftForComeBackAtOnce() {
        EmulatedBot bot = registeredBot();
        subscribers(bot, 4);
        Campaign campaign = running(bot, DeliveryPolicy.AT_MOST_ONCE);
        List<SendBatch> batches = plan(campaign, 2);

        // less than the safety margin left: no wave may start
        List<SenderService.Retry> retries = sender().send(deliveries(batches), () -> 500);

        assertThat(retries).hasSize(2).extracting(SenderService.Retry::visibleAfter).containsOnly(Optional.of(Duration.ZERO));
        assertThat(telegram.totalMessagesSent(bot.id())).isZero();
        assertAllPending(batches);
    }

    /**
     * The deployed sender function (its own JVM, the template's handler, IAM from template.yaml) handed a batch
     * received from the real send queue: a 30 s retry_after that its short budget cannot cover sends the message
     * back to the queue, visible again after 30 s (not the queue's 12 minutes), and the next delivery sends it.
     */
    @Test
    void theDeployedSenderHandsABatchBackToTheQueueUntilTelegramsRetryAfterHasPassed() {
        EmulatedBot bot = registeredBot();
        List<Long> people = subscribers(bot, 3);
        Campaign campaign = running(bot, DeliveryPolicy.AT_MOST_ONCE);
        SendBatch batch = plan(campaign).getFirst();
        var sqs = aws.clients().sqs();
        String queue = aws.resource("SendQueue").ref();
        String queueArn = aws.resource("SendQueue").attribute("Arn");
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(SendBatchJson.encode(batch))
                .messageGroupId(batch.botId()).messageDeduplicationId(batch.deduplicationId()));
        var function = aws.lambda().function("SenderFunction",
                Map.of("TELEGRAM_API_BASE", telegram.baseUrl(), "SENDER_TIMEOUT_SECONDS", "15"));
        telegram.faults(bot.id(), io.botfleet.telegram.emulator.Faults.forced429(1, 30));

        var message = receive(sqs, queue, campaign.id(), Duration.ofSeconds(10)).orElseThrow();
        var answer = function.invoke(io.botfleet.local.lambda.events.SqsEvents.event(List.of(message), queueArn, "us-east-1"));

        assertThat(answer.failed()).as(answer.payloadText()).isFalse();
        assertThat(answer.payloadText()).contains("\"itemIdentifier\":\"" + message.messageId() + "\"");
        assertThat(telegram.totalMessagesSent(bot.id())).isZero();
        // handed back invisible, not at once (the 30 s it is invisible for are SenderServiceTest's Retry)
        assertThat(receive(sqs, queue, campaign.id(), Duration.ofSeconds(2))).isEmpty();
        var back = receive(sqs, queue, campaign.id(), Duration.ofSeconds(90)).orElseThrow(() ->
                new AssertionError("the batch did not come back within 90 s (it was received for 120 s)"));
        assertThat(back.attributes().get(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("2");

        var second = function.invoke(io.botfleet.local.lambda.events.SqsEvents.event(List.of(back), queueArn, "us-east-1"));
        assertThat(second.failed()).as(second.payloadText()).isFalse();
        assertThat(second.payloadText()).doesNotContain(back.messageId());
        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(back.receiptHandle()));
        for (long person : people) {
            assertThat(telegram.messagesReceivedBy(bot.id(), person)).hasSize(1);
        }
        assertThat(campaign(campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    /** The campaign's message from the send queue, as Lambda's poller receives it; other messages are left alone. */
    private static Optional<software.amazon.awssdk.services.sqs.model.Message> receive(
            software.amazon.awssdk.services.sqs.SqsClient sqs, String queue, String campaignId, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(120)
                    .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            for (var m : messages) {
                if (m.body().contains(campaignId)) {
                    return Optional.of(m);
                }
                // someone else's: back at once
                sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            }
        }
        return Optional.empty();
    }
}
