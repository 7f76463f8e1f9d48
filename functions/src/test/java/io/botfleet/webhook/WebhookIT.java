package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.bots.BotTestKit;
import io.botfleet.bots.WebhookSecrets;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.events.HttpApiEvents;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.subscribers.SubscriberCounts;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.Limits;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LocalAws
class WebhookIT {
    static TelegramEmulator telegram;
    static WebhookTestServer server;
    static BotsModule bots;
    static WebhookSecrets secrets;
    static AcceptedUpdateStream stream;
    static LocalAwsStack aws;
    static ParkedUpdates parked;
    static String botsTable;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        aws = stack;
        telegram = TelegramEmulator.start(0);
        server = WebhookTestServer.start();
        bots = BotTestKit.module(BotTestKit.env(stack, "ApiFunction", server.baseUrl(), telegram.baseUrl(), "primary", Map.of()));
        Env env = BotTestKit.env(stack, "WebhookFunction", server.baseUrl(), telegram.baseUrl(), "primary", Map.of());
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory clients = new AwsClientFactory(env, config);
        PlatformSecret secret = new PlatformSecret(clients.secretsManager(), config.platformSecretId());
        secrets = new WebhookSecrets(() -> secret.get().webhookSecretKey());
        stream = new AcceptedUpdateStream(stack, java.time.Instant.now());
        botsTable = config.tables().bots();
        parked = new DynamoParkedUpdates(stack.clients().dynamoDb(), config.tables().deliveries(), java.time.Clock.systemUTC());
        server.handler(BotTestKit.deployed(stack, "WebhookFunction", server.baseUrl(), telegram.baseUrl(), "primary", Map.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
        telegram.close();
    }

    private static final List<Long> registered = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static String register(EmulatedBot bot) {
        registered.add(bot.id());
        // a conversation answers faster than the 1 message/s per chat that bulk sends must keep to
        telegram.setLimits(bot.id(), new Limits(30, 1000, 20, 20));
        bots.registry().register(bot.token(), "test");
        return Long.toString(bot.id());
    }

    /** The events the webhook recorded with its accepted updates, as the stream consumer reads them. */
    private static List<BotEvent> drainEvents() {
        return stream.events();
    }

    private static List<String> eventTypes(String botId, String chatId) {
        return drainEvents().stream().filter(e -> e.botId().equals(botId) && e.chatId().equals(chatId)).map(BotEvent::type).toList();
    }

    private static Subscriber subscriber(String botId, long chatId) {
        return bots.subscribers().get(botId, Long.toString(chatId)).orElseThrow();
    }

    @Test
    void subscribersFollowStartStopBlockAndUnblockWithRepliesAndEvents() {
        EmulatedBot bot = telegram.createBot("news_bot", "News");
        String botId = register(bot);
        EmulatedUser ann = telegram.createUser("Ann", "ann", "de");

        telegram.userSendsStart(bot.id(), ann.id(), "promo_spring");
        await().atMost(Duration.ofSeconds(60)).until(() -> telegram.messagesReceivedBy(bot.id(), ann.id()).size() == 1);
        assertThat(telegram.messagesReceivedBy(bot.id(), ann.id()).get(0).text()).startsWith("Welcome");
        Subscriber s = subscriber(botId, ann.id());
        assertThat(s.status()).isEqualTo("active");
        assertThat(s.source()).isEqualTo("promo_spring");
        assertThat(s.language()).isEqualTo("de");
        assertThat(s.username()).isEqualTo("ann");
        assertThat(s.lastSeenAt()).isPresent();

        telegram.userSendsText(bot.id(), ann.id(), "hello there");
        telegram.userSendsText(bot.id(), ann.id(), "/stop");
        await().atMost(Duration.ofSeconds(60)).until(() -> telegram.messagesReceivedBy(bot.id(), ann.id()).size() == 2);
        assertThat(telegram.messagesReceivedBy(bot.id(), ann.id()).get(1).text()).contains("unsubscribed");
        assertThat(subscriber(botId, ann.id()).status()).isEqualTo("left");

        telegram.userSendsStart(bot.id(), ann.id(), "other_campaign");
        telegram.userBlocksBot(bot.id(), ann.id());
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriber(botId, ann.id()).status().equals("blocked"));
        telegram.userUnblocksBot(bot.id(), ann.id());
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriber(botId, ann.id()).status().equals("active"));
        assertThat(subscriber(botId, ann.id()).source()).as("first acquisition source is kept").isEqualTo("promo_spring");

        // a button under one of the bot's messages: answered through the webhook response, event emitted
        long messageId = telegram.messagesReceivedBy(bot.id(), ann.id()).get(0).messageId();
        telegram.userPressesButton(bot.id(), ann.id(), messageId, "bf:cta:1");
        await().atMost(Duration.ofSeconds(60)).until(() -> telegram.calls(bot.id()).stream()
                .anyMatch(c -> c.method().equals("answerCallbackQuery") && c.status() == 200));

        await().atMost(Duration.ofSeconds(60)).until(() -> eventTypes(botId, Long.toString(ann.id())).contains("button.pressed"));
        assertThat(eventTypes(botId, Long.toString(ann.id()))).containsExactly(
                "subscriber.joined", "message.received",      // /start promo_spring
                "message.received",                           // hello there
                "subscriber.left", "message.received",        // /stop
                "subscriber.joined", "message.received",      // /start again
                "subscriber.blocked",
                "subscriber.unblocked",
                "button.pressed");
        BotEvent joined = drainEvents().stream().filter(e -> e.type().equals("subscriber.joined") && e.botId().equals(botId)
                && e.chatId().equals(Long.toString(ann.id()))).findFirst().orElseThrow();
        assertThat(joined.attributes()).containsEntry("source", "promo_spring");
        assertThat(stream.records().toString()).as("message text is never recorded").doesNotContain("hello there");

        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(1, 0, 0, 1));
    }

    @Test
    void duplicatesAreProcessedOnceAndBadRequestsHaveNoSideEffects() {
        EmulatedBot bot = telegram.createBot("dup_bot", "Dup");
        String botId = register(bot);
        long epoch = bots.ownership().current(botId).orElseThrow().epoch();
        String secret = secrets.secretFor(botId, epoch);
        String update = """
                {"update_id": 900001, "message": {"message_id": 5, "date": 1700000000, "text": "/start",
                 "chat": {"id": 31337, "type": "private", "first_name": "Bob"}, "from": {"id": 31337, "is_bot": false, "first_name": "Bob"}}}""";

        assertThat(post(botId, null, update).status()).isEqualTo(401);
        assertThat(post(botId, "wrong-secret", update).status()).isEqualTo(401);
        assertThat(post(botId, secrets.secretFor(botId, epoch + 1), update).status()).as("next epoch's secret").isEqualTo(401);
        assertThat(post("999999", secret, update).status()).isEqualTo(404);
        // Telegram retries anything but 2xx: a body that can never be an update is acknowledged and parked at once
        assertThat(post(botId, secret, "{not json").status()).isEqualTo(200);
        assertThat(post(botId, secret, "{\"hello\": 1}").status()).isEqualTo(200);
        assertThat(bots.subscribers().get(botId, "31337")).isEmpty();
        assertThat(eventTypes(botId, "31337")).isEmpty();
        assertThat(parked.list(botId, 10)).extracting(ParkedUpdates.ParkedUpdate::reason, ParkedUpdates.ParkedUpdate::raw,
                ParkedUpdates.ParkedUpdate::attempts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("update_id is missing or not an integer", "{\"hello\": 1}", 1),
                org.assertj.core.groups.Tuple.tuple("body is not JSON", "{not json", 1));

        HttpApiEvents.Response first = post(botId, secret, update);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyText()).contains("\"method\":\"sendMessage\"").contains("Welcome");
        HttpApiEvents.Response second = post(botId, secret, update);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.bodyText()).isEqualTo("{}");
        assertThat(eventTypes(botId, "31337")).containsExactly("subscriber.joined", "message.received");
        assertThat(bots.subscribers().counts(botId).active()).isEqualTo(1);
    }

    @Test
    void failedProcessingAnswers5xxAndTelegramsRetryIsProcessedOnce() {
        EmulatedBot bot = telegram.createBot("retry_bot", "Retry");
        String botId = register(bot);
        EmulatedUser carl = telegram.createUser("Carl", null, "en");
        // the ephemeral table refuses the update's record for the whole first delivery (the SDK's default policy for
        // DynamoDB makes nine attempts); other bots' deliveries finish first, so the outage meets this update
        await().atMost(Duration.ofSeconds(60)).until(() -> registered.stream()
                .allMatch(id -> telegram.webhookInfo(id).pendingUpdateCount() == 0));
        aws.faults().failNext("dynamodb:PutItem", "table/EphemeralTable", 9);
        telegram.userSendsStart(bot.id(), carl.id(), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> telegram.messagesReceivedBy(bot.id(), carl.id()).size() == 1);
        assertThat(aws.faults().pending()).isZero();
        assertThat(telegram.webhookInfo(bot.id()).lastErrorMessage()).contains("500");
        assertThat(eventTypes(botId, Long.toString(carl.id()))).containsExactly("subscriber.joined", "message.received");
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(1, 0, 0, 1));
        assertThat(telegram.messagesReceivedBy(bot.id(), carl.id())).hasSize(1);
    }

    @Test
    void aNameWithALoneSurrogateIsStoredSanitisedAndDoesNotHoldUpLaterUpdates() {
        EmulatedBot bot = telegram.createBot("names_bot", "Names");
        String botId = register(bot);
        EmulatedUser odd = telegram.createUser("a\ud800\u0007b", "odd\udc00", "e\ud800");
        EmulatedUser dora = telegram.createUser("Dora", "dora", "en");

        telegram.userSendsStart(bot.id(), odd.id(), null);
        telegram.userSendsStart(bot.id(), dora.id(), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> telegram.messagesReceivedBy(bot.id(), dora.id()).size() == 1);
        assertThat(telegram.messagesReceivedBy(bot.id(), odd.id())).hasSize(1);
        Subscriber s = subscriber(botId, odd.id());
        assertThat(s.firstName()).isEqualTo("a\uFFFDb");
        assertThat(s.username()).isEqualTo("odd\uFFFD");
        assertThat(s.language()).isEqualTo("e\uFFFD");
        assertThat(s.status()).isEqualTo("active");
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(2, 0, 0, 2));
    }

    @Test
    void updatesWhoseIdsAreNotTelegramIdsAreNotStored() {
        EmulatedBot bot = telegram.createBot("ids_bot", "Ids");
        String botId = register(bot);
        String secret = secrets.secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
        int updateId = 910000;
        for (String id : List.of("\"abc\"", "\"42\"", "1e30", "4.5", "99999999999999999999999", "null", "{}", "[7]")) {
            String update = """
                    {"update_id": %d, "message": {"message_id": 5, "date": 1700000000, "text": "/start",
                     "chat": {"id": %s, "type": "private", "first_name": "Eve"}, "from": {"id": %s, "first_name": "Eve"}}}"""
                    .formatted(updateId++, id, id);
            assertThat(post(botId, secret, update).status()).as("chat id %s", id).isEqualTo(200);
        }
        String callback = """
                {"update_id": %d, "callback_query": {"id": "q1", "data": "x", "from": {"id": "abc", "first_name": "Eve"}}}"""
                .formatted(updateId++);
        assertThat(post(botId, secret, callback).status()).isEqualTo(200);

        String normal = """
                {"update_id": %d, "message": {"message_id": 6, "date": 1700000000, "text": "/start",
                 "chat": {"id": 4242, "type": "private", "first_name": "Fay"}, "from": {"id": 4242, "first_name": "Fay"}}}"""
                .formatted(updateId);
        assertThat(post(botId, secret, normal).bodyText()).contains("\"chat_id\":4242");
        assertThat(bots.subscribers().page(botId, io.botfleet.subscribers.SubscriberQuery.status("active", 100), Optional.empty())
                .items()).extracting(Subscriber::chatId).containsExactly("4242");
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(1, 0, 0, 1));
    }

    @Test
    void anUpdateThatKeepsFailingIsParkedAfterThreeAttemptsAndLaterUpdatesFlow() {
        EmulatedBot bot = telegram.createBot("park_bot", "Park");
        String botId = register(bot);
        EmulatedUser gus = telegram.createUser("Gus", null, "en");
        EmulatedUser hal = telegram.createUser("Hal", null, "en");
        await().atMost(Duration.ofSeconds(60)).until(() -> registered.stream()
                .allMatch(id -> telegram.webhookInfo(id).pendingUpdateCount() == 0));
        // the ephemeral table refuses the record for three whole deliveries (nine SDK attempts each)
        aws.faults().failNext("dynamodb:PutItem", "table/EphemeralTable", 27);
        long stuck = telegram.userSendsStart(bot.id(), gus.id(), null);
        telegram.userSendsStart(bot.id(), hal.id(), null);

        await().atMost(Duration.ofSeconds(60)).until(() -> telegram.messagesReceivedBy(bot.id(), hal.id()).size() == 1);
        assertThat(aws.faults().pending()).isZero();
        assertThat(telegram.webhookInfo(bot.id()).pendingUpdateCount()).isZero();
        List<ParkedUpdates.ParkedUpdate> list = parked.list(botId, 10);
        assertThat(list).hasSize(1);
        ParkedUpdates.ParkedUpdate p = list.get(0);
        assertThat(p.updateId()).hasValue(stuck);
        assertThat(p.attempts()).isEqualTo(3);
        assertThat(p.reason()).startsWith("recording failed 3 times");
        assertThat(p.raw()).contains("\"update_id\":" + stuck).contains("Gus");
        assertThat(telegram.messagesReceivedBy(bot.id(), gus.id())).as("a parked update gets no reply").isEmpty();
        assertThat(eventTypes(botId, Long.toString(hal.id()))).containsExactly("subscriber.joined", "message.received");

        // an admin sees it through the deployed API, with the reason
        ApiHarness api = ApiHarness.start(aws);
        JsonNode listed = api.call("GET", "/api/bots/" + botId + "/parked-updates").as(api.setupOwner()).send().expect(200).json();
        assertThat(listed.path("items")).hasSize(1);
        assertThat(listed.path("items").get(0).path("updateId").asLong()).isEqualTo(stuck);
        assertThat(listed.path("items").get(0).path("reason").asText()).startsWith("recording failed 3 times");
    }

    @Test
    void concurrentReplaysOfAnOldStartLeaveABlockedSubscriberBlocked() throws Exception {
        EmulatedBot bot = telegram.createBot("replay_bot", "Replay");
        String botId = register(bot);
        String secret = secrets.secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
        String start = """
                {"update_id": 910001, "message": {"message_id": 7, "date": 1700000000, "text": "/start",
                 "chat": {"id": 41414, "type": "private", "first_name": "Rae"}, "from": {"id": 41414, "is_bot": false, "first_name": "Rae"}}}""";
        String blocked = """
                {"update_id": 910002, "my_chat_member": {"chat": {"id": 41414, "type": "private", "first_name": "Rae"},
                 "from": {"id": 41414, "is_bot": false, "first_name": "Rae"}, "date": 1700000100,
                 "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": true, "first_name": "B"}},
                 "new_chat_member": {"status": "kicked", "until_date": 0, "user": {"id": 1, "is_bot": true, "first_name": "B"}}}}""";
        assertThat(post(botId, secret, start).status()).isEqualTo(200);
        assertThat(post(botId, secret, blocked).status()).isEqualTo(200);
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(0, 1, 0, 1));

        // a captured /start replayed many times at once: each is a duplicate of an update already processed
        List<java.util.concurrent.Future<HttpApiEvents.Response>> replies = new ArrayList<>();
        try (var replayers = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                replies.add(replayers.submit(() -> post(botId, secret, start)));
            }
        }
        for (var reply : replies) {
            assertThat(reply.get().status()).isEqualTo(200);
        }
        assertThat(bots.subscribers().get(botId, "41414").orElseThrow().status()).isEqualTo("blocked");
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(0, 1, 0, 1));
    }

    @Test
    void aPointedWebhookVerifiesUpdatesByTheStoredHashWithoutThePlatformSecret() {
        EmulatedBot bot = telegram.createBot("hash_bot", "Hash");
        String botId = register(bot);
        long epoch = bots.ownership().current(botId).orElseThrow().epoch();
        String secret = secrets.secretFor(botId, epoch);
        var profile = aws.clients().dynamoDb().getItem(b -> b.tableName(botsTable)
                .key(io.botfleet.shared.aws.Attributes.key("BOT#" + botId, "PROFILE"))).item();
        assertThat(profile.get("webhookSecretHash").s()).isEqualTo(secrets.hashFor(botId, epoch)).isNotEqualTo(secret);
        assertThat(profile.values().toString()).doesNotContain(secret);

        // a webhook that cannot read the platform secret still tells Telegram's updates from forged ones
        try (WebhookTestServer keyless = WebhookTestServer.start()) {
            keyless.handler(BotTestKit.deployed(aws, "WebhookFunction", server.baseUrl(), telegram.baseUrl(), "primary",
                    Map.of("PLATFORM_SECRET_ID", "no-such-secret")));
            String update = """
                    {"update_id": 910001, "message": {"message_id": 1, "date": 1700000000, "text": "/start",
                     "chat": {"id": 4242, "type": "private", "first_name": "Ann"}, "from": {"id": 4242, "is_bot": false, "first_name": "Ann"}}}""";
            assertThat(keyless.deliver(botId, "forged", update).status()).isEqualTo(401);
            assertThat(keyless.deliver(botId, secrets.secretFor(botId, epoch + 1), update).status()).isEqualTo(401);
            assertThat(keyless.deliver(botId, secret, update).status()).isEqualTo(200);
            assertThat(subscriber(botId, 4242).status()).isEqualTo(Subscriber.ACTIVE);
        }
    }

    private static HttpApiEvents.Response post(String botId, String secret, String body) {
        return server.deliver(botId, secret, body);
    }
}
