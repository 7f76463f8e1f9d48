package io.botfleet.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.bots.BotHeartbeat;
import io.botfleet.bots.BotTestKit;
import io.botfleet.lambda.BotsModule;
import io.botfleet.lambda.HeartbeatFunction;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.config.Env;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Overlapping beats on the local stack (DynamoDB's conditional writes, the Telegram emulator): two runs of deployment
 * "a" (a slow beat and the next schedule) and a run of deployment "b" beat the same released bots at once, each
 * with the heartbeat's role and its pool of workers. Each bot is claimed once and ends with one owner, whom
 * Telegram's webhook and the bot's health record agree with.
 */
@LocalAws
class HeartbeatOverlapIT {
    static final int BOTS = 24;

    @Test
    void overlappingBeatsOfOneDeploymentAndAnotherClaimEachReleasedBotOnce(LocalAwsStack stack) throws Exception {
        try (TelegramEmulator telegram = TelegramEmulator.start(0)) {
            String baseA = "https://a.example";
            String baseB = "https://b.example";
            BotsModule api = BotTestKit.module(BotTestKit.env(stack, "ApiFunction", baseA, telegram.baseUrl(), "a", Map.of()));
            List<String> bots = new ArrayList<>();
            for (int i = 0; i < BOTS; i++) {
                EmulatedBot bot = telegram.createBot("overlap_" + i + "_bot", "Overlap " + i);
                bots.add(api.registry().register(bot.token(), "test").botId());
            }
            // "a" lets go of every bot (epoch 1 kept): each is up for a claim
            for (String bot : bots) {
                assertThat(api.ownership().release(api.ownership().current(bot).orElseThrow())).isTrue();
            }

            BotHeartbeat a1 = heartbeat(stack, telegram, "a", baseA);
            BotHeartbeat a2 = heartbeat(stack, telegram, "a", baseA);
            BotHeartbeat b = heartbeat(stack, telegram, "b", baseB);
            List<BotHeartbeat.Report> reports = concurrently(a1, a2, b);

            for (String bot : bots) {
                Lease lease = api.ownership().current(bot).orElseThrow();
                List<String> claimers = reports.stream().filter(r -> r.claimed().contains(bot)).map(BotHeartbeat.Report::instanceId).toList();
                assertThat(claimers).as("bot %s claimed by", bot).containsExactly(lease.ownerId());
                assertThat(lease.epoch()).isEqualTo(2);
                String base = lease.ownerId().equals("a") ? baseA : baseB;
                assertThat(telegram.webhookInfo(Long.parseLong(bot)).url()).isEqualTo(base + "/telegram/" + bot);
                var health = api.registry().store().webhookHealth(bot).orElseThrow();
                assertThat(health.ownerId()).isEqualTo(lease.ownerId());
                assertThat(health.epoch()).isEqualTo(2);
                for (BotHeartbeat.Report r : reports) {
                    if (!r.instanceId().equals(lease.ownerId())) {
                        assertThat(r.standby()).as("%s in the report of %s", bot, r.instanceId()).contains(bot);
                    }
                }
            }
            reports.forEach(r -> assertThat(r.failed()).as(r.toString()).isEmpty());
            reports.forEach(r -> assertThat(r.count("listed")).isEqualTo(BOTS));

            // overlapping again: owners renew, nothing changes hands
            List<BotHeartbeat.Report> next = concurrently(a1, a2, b);
            for (BotHeartbeat.Report r : next) {
                assertThat(r.claimed()).isEmpty();
                assertThat(r.lost()).isEmpty();
                assertThat(r.count("renewed") + r.count("standby")).isEqualTo(BOTS);
            }
            for (String bot : bots) {
                assertThat(api.ownership().current(bot).orElseThrow().epoch()).isEqualTo(2);
            }
        }
    }

    /** A heartbeat as HeartbeatFunction builds it (the heartbeat's role, its settings), for deployment {@code id}. */
    private static BotHeartbeat heartbeat(LocalAwsStack stack, TelegramEmulator telegram, String id, String base) {
        Env env = BotTestKit.env(stack, "HeartbeatFunction", base, telegram.baseUrl(), id, Map.of());
        BotsModule module = BotTestKit.module(env);
        return new BotHeartbeat(BotHeartbeat.Fleet.of(module.registry(),
                new BotAdminApi(TelegramBotApi.create(URI.create(telegram.baseUrl())))), module.ownership(),
                BotHeartbeat.Metrics.NONE, HeartbeatFunction.settings(env).withWorkers(8), Clock.systemUTC());
    }

    private static List<BotHeartbeat.Report> concurrently(BotHeartbeat... heartbeats) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService runs = Executors.newFixedThreadPool(heartbeats.length);
        try {
            List<Future<BotHeartbeat.Report>> futures = new ArrayList<>();
            for (BotHeartbeat h : heartbeats) {
                futures.add(runs.submit(() -> {
                    go.await();
                    return h.beat();
                }));
            }
            go.countDown();
            List<BotHeartbeat.Report> reports = new ArrayList<>();
            for (Future<BotHeartbeat.Report> f : futures) {
                reports.add(f.get());
            }
            return reports;
        } finally {
            runs.shutdownNow();
        }
    }
}
