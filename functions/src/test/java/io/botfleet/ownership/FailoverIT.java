package io.botfleet.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.botfleet.bots.BotHeartbeat;
import io.botfleet.bots.BotTestKit;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.events.HttpApiEvents;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.time.TestClock;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.TelegramEmulator;
import io.botfleet.webhook.AcceptedUpdateStream;
import io.botfleet.webhook.DynamoParkedUpdates;
import io.botfleet.webhook.WebhookTestServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two deployments ("a" primary, "b" standby) share one Telegram and one set of tables. The primary stops; the standby
 * takes the bot over within the lease time, Telegram's pending updates reach the standby, and the stale primary's
 * writes are rejected.
 */
@LocalAws
class FailoverIT {
    /** How long the emulator may take to deliver an update or find an endpoint gone; only a failing test waits it out. */
    static final Duration DELIVERY = Duration.ofSeconds(60);

    record Instance(String id, WebhookTestServer server, BotsModule bots, BotHeartbeat heartbeat) {}

    /** A deployment whose heartbeat claims and renews on {@code clock}, the time the test moves. */
    static Instance instance(LocalAwsStack stack, TelegramEmulator telegram, String id, TestClock clock) {
        WebhookTestServer server = WebhookTestServer.start();
        Map<String, String> extra = Map.of("LEASE_SECONDS", "3");
        Env api = BotTestKit.env(stack, "ApiFunction", server.baseUrl(), telegram.baseUrl(), id, extra);
        BotsModule bots = BotTestKit.module(api);
        server.handler(BotTestKit.deployed(stack, "WebhookFunction", server.baseUrl(), telegram.baseUrl(), id, extra));
        BotOwnership ownership = new BotOwnership(new DynamoLeaseStore(stack.clients().dynamoDb(),
                stack.resource("BotsTable").ref()), id, bots.ownership().leaseDuration(), clock);
        BotHeartbeat heartbeat = new BotHeartbeat(BotHeartbeat.Fleet.of(bots.registry(),
                new BotAdminApi(TelegramBotApi.create(URI.create(telegram.baseUrl())))), ownership,
                BotHeartbeat.Metrics.NONE, BotHeartbeat.Settings.DEFAULTS, clock);
        return new Instance(id, server, bots, heartbeat);
    }

    /** The deployments' heartbeat time: the wall clock's when the test starts, then only as the test moves it. */
    static TestClock heartbeatClock() {
        return new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void standbyTakesOverWhenTheLeaseEndsLosesNoUpdateAndFencesTheStalePrimary(LocalAwsStack stack) {
        try (TelegramEmulator telegram = TelegramEmulator.start(0)) {
            Instant started = Instant.now();
            TestClock clock = heartbeatClock();
            Instance a = instance(stack, telegram, "a", clock);
            Instance b = instance(stack, telegram, "b", clock);
            EmulatedBot bot = telegram.createBot("ha_bot", "HA");
            String botId = Long.toString(bot.id());
            a.bots().registry().register(bot.token(), "test");
            Lease leaseA = a.bots().ownership().current(botId).orElseThrow();
            assertThat(leaseA.ownerId()).isEqualTo("a");

            // both beat: a renews, b stands by
            assertThat(a.heartbeat().beat().renewed()).contains(botId);
            Lease renewedA = a.bots().ownership().current(botId).orElseThrow();
            assertThat(b.heartbeat().beat().standby()).contains(botId);
            assertThat(a.bots().registry().store().webhookHealth(botId).orElseThrow().urlMismatch()).isFalse();

            EmulatedUser first = telegram.createUser("First", "first", "en");
            telegram.userSendsStart(bot.id(), first.id(), "before");
            await().atMost(DELIVERY).until(() -> a.bots().subscribers().get(botId, Long.toString(first.id())).isPresent());

            // the primary dies: no more heartbeats, its endpoint is gone; users keep writing
            a.server().close();
            EmulatedUser second = telegram.createUser("Second", "second", "de");
            EmulatedUser third = telegram.createUser("Third", null, "fr");
            telegram.userSendsStart(bot.id(), second.id(), "during");
            telegram.userSendsText(bot.id(), first.id(), "are you there?");
            telegram.userSendsStart(bot.id(), third.id(), null);
            await().atMost(DELIVERY).until(() -> telegram.webhookInfo(bot.id()).lastErrorMessage() != null);
            assertThat(telegram.webhookInfo(bot.id()).pendingUpdateCount()).isGreaterThanOrEqualTo(1);

            // the standby's beat claims the bot once the dead owner's renewed lease has run out and re-points the
            // webhook; never before: that is what keeps a single owner
            clock.advance(Duration.between(clock.instant(), renewedA.leaseUntil()).minusMillis(1));
            assertThat(b.heartbeat().beat().standby()).contains(botId);
            clock.advance(Duration.ofMillis(1));
            assertThat(b.heartbeat().beat().claimed()).contains(botId);
            Lease leaseB = b.bots().ownership().current(botId).orElseThrow();
            assertThat(leaseB.ownerId()).isEqualTo("b");
            assertThat(leaseB.epoch()).isGreaterThan(leaseA.epoch());
            assertThat(telegram.webhookInfo(bot.id()).url()).isEqualTo(b.server().baseUrl() + "/telegram/" + botId);

            // nothing lost: the emulator re-sends the pending updates to the standby
            await().atMost(DELIVERY).until(() -> telegram.webhookInfo(bot.id()).pendingUpdateCount() == 0
                    && b.bots().subscribers().get(botId, Long.toString(third.id())).isPresent());
            assertThat(b.bots().subscribers().get(botId, Long.toString(second.id())).orElseThrow().source()).isEqualTo("during");
            assertThat(b.bots().subscribers().counts(botId).active()).isEqualTo(3);
            // the standby keeps the bot: its beat renews the lease
            assertThat(b.heartbeat().beat().renewed()).contains(botId);
            assertThat(b.bots().ownership().current(botId).orElseThrow().ownerId()).isEqualTo("b");

            // the stale primary is fenced: its writes fail, and its webhook (old secret) is refused
            assertThatThrownBy(() -> a.bots().registry().store().setWebhookState(botId, "attached", leaseA.fence()))
                    .isInstanceOf(LeaseStore.FencedOut.class);
            String oldSecret = secretOf(a, botId, leaseA.epoch());
            HttpApiEvents.Response stale = a.server().deliver(botId, oldSecret,
                    "{\"update_id\": 1, \"message\": {\"message_id\": 1, \"text\": \"x\", \"chat\": {\"id\": 55, \"type\": \"private\", \"first_name\": \"Z\"}}}");
            // (its webhook refuses, or — while its cached configuration still names it — records the ordinary update with
            // one write under its old fence token, which the stream consumer then parks instead of applying)
            assertThat(stale.status()).isIn(200, 401, 503);
            if (stale.status() == 200) {
                var applied = new AcceptedUpdateStream(stack, started).deliver(u -> u.botId().equals(botId) && u.updateId() == 1, Map.of());
                assertThat(applied.failed()).as(applied.payloadText()).isFalse();
                assertThat(new DynamoParkedUpdates(stack.clients().dynamoDb(), stack.resource("DeliveriesTable").ref(), Clock.systemUTC())
                        .list(botId, 10)).anySatisfy(p -> assertThat(p.reason())
                        .startsWith("fenced: accepted under epoch " + leaseA.epoch() + " of a, the lease is now at epoch " + leaseB.epoch()));
            }
            assertThat(b.server().deliver(botId, oldSecret, "{\"update_id\": 2}").status()).isEqualTo(401);
            assertThat(b.bots().subscribers().get(botId, "55")).isEmpty();
            assertThat(a.heartbeat().beat().standby()).contains(botId);
            b.server().close();
        }
    }

    private static String secretOf(Instance i, String botId, long epoch) {
        return i.bots().registry().webhookSecrets().secretFor(botId, epoch);
    }

    @Test
    void heartbeatRestoresAWebhookChangedElsewhereOrMarksTheBotDetached(LocalAwsStack stack) {
        try (TelegramEmulator telegram = TelegramEmulator.start(0)) {
            Instance a = instance(stack, telegram, "solo", heartbeatClock());
            EmulatedBot bot = telegram.createBot(7_100_000_001L, "7100000001:AAdriftdriftdriftdriftdriftdriftdrift", "drift_bot", "Drift");
            String botId = Long.toString(bot.id());
            a.bots().registry().register(bot.token(), "test");
            BotAdminApi direct = new BotAdminApi(TelegramBotApi.create(URI.create(telegram.baseUrl())));
            var token = io.botfleet.telegram.BotToken.parse(bot.token()).orElseThrow();
            String ours = a.server().baseUrl() + "/telegram/" + botId;

            direct.setWebhook(token, new BotAdminApi.WebhookSpec("https://elsewhere.example/hook", "x", 10, java.util.List.of(), false));
            assertThat(a.heartbeat().beat().restored()).contains(botId);
            assertThat(telegram.webhookInfo(bot.id()).url()).isEqualTo(ours);

            a.bots().registry().change(botId, new io.botfleet.bots.BotRegistry.Changes(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("leave"), Optional.empty()), Optional.empty());
            direct.setWebhook(token, new BotAdminApi.WebhookSpec("https://elsewhere.example/hook", "x", 10, java.util.List.of(), false));
            assertThat(a.heartbeat().beat().detached()).contains(botId);
            assertThat(telegram.webhookInfo(bot.id()).url()).isEqualTo("https://elsewhere.example/hook");
            assertThat(a.bots().registry().get(botId).orElseThrow().webhookState()).isEqualTo("detached");
            var health = a.bots().registry().store().webhookHealth(botId).orElseThrow();
            assertThat(health.urlMismatch()).isTrue();
            assertThat(health.url()).isEqualTo("https://elsewhere.example/hook");
            a.server().close();
        }
    }
}
