package io.botfleet.bots;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.ownership.InMemoryLeaseStore;
import io.botfleet.ownership.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Overlapping beats: two runs of the same instance (a slow beat and the next schedule) and a run of another instance
 * beat the same bots at once, all of whose leases have expired. The conditional lease writes alone keep it right:
 * every bot is claimed once, ends with one owner, its webhook points at that owner with that epoch's secret, and only
 * the owner writes its records.
 */
class BotHeartbeatOverlapTest {
    static final String PRIMARY = "https://primary.example";
    static final String STANDBY = "https://standby.example";
    static final int BOTS = 200;

    @RepeatedTest(5)
    void overlappingBeatsClaimEveryExpiredBotOnceAndLeaveItOneOwner() throws Exception {
        FleetWorld world = new FleetWorld();
        List<String> bots = world.addBots(BOTS);
        Instant expired = world.clock.instant().minusSeconds(1);
        bots.forEach(id -> world.leases.put(new Lease(id, "dead", 1, expired)));
        // every lease and Telegram call gives up the processor: the runs interleave as much as the scheduler allows
        world.leases.beforeEachCall(Thread::yield);
        world.onWebhookInfo = botId -> Thread.yield();
        BotHeartbeat.Settings settings = BotHeartbeat.Settings.DEFAULTS.withWorkers(8).withPageSize(25);
        BotHeartbeat first = world.heartbeat("primary", PRIMARY, settings, BotHeartbeat.Metrics.NONE);
        BotHeartbeat second = world.heartbeat("primary", PRIMARY, settings, BotHeartbeat.Metrics.NONE);
        BotHeartbeat other = world.heartbeat("standby", STANDBY, settings, BotHeartbeat.Metrics.NONE);

        List<BotHeartbeat.Report> round = concurrently(first, second, other);

        // nothing claimed twice: one successful claim per bot, epoch 1 → 2
        List<InMemoryLeaseStore.Claim> claims = world.leases.claims();
        assertThat(claims).hasSize(BOTS);
        assertThat(claims.stream().map(InMemoryLeaseStore.Claim::botId).distinct().count()).isEqualTo(BOTS);
        assertThat(claims).allSatisfy(c -> assertThat(c.epoch()).isEqualTo(2));
        Map<String, String> owner = claims.stream().collect(Collectors.toMap(InMemoryLeaseStore.Claim::botId, InMemoryLeaseStore.Claim::ownerId));
        for (String bot : bots) {
            String base = owner.get(bot).equals("primary") ? PRIMARY : STANDBY;
            Lease lease = world.leases.get(bot).orElseThrow();
            assertThat(lease.ownerId()).isEqualTo(owner.get(bot));
            assertThat(lease.epoch()).isEqualTo(2);
            // Telegram agrees with the lease: one owner, that owner's URL and epoch
            assertThat(world.telegramUrl.get(bot)).as(bot).isEqualTo(FleetWorld.url(base, bot));
            assertThat(world.telegramEpoch.get(bot)).isEqualTo(2);
            assertThat(world.health.get(bot).ownerId()).isEqualTo(owner.get(bot));
            assertThat(world.webhookState.get(bot)).isEqualTo("attached");
            // in exactly one report as claimed; the other run of the owner at most renewed it, the other instance stood by
            assertThat(round.stream().filter(r -> r.claimed().contains(bot)).map(BotHeartbeat.Report::instanceId).toList())
                    .containsExactly(owner.get(bot));
            for (BotHeartbeat.Report r : round) {
                if (!r.instanceId().equals(owner.get(bot))) {
                    assertThat(r.standby()).as("%s in the report of %s", bot, r.instanceId()).contains(bot);
                }
            }
        }
        // only owners pointed webhooks, each with the epoch it held
        assertThat(world.pointed()).allSatisfy(p -> {
            assertThat(p.url()).isEqualTo(FleetWorld.url(owner.get(p.botId()).equals("primary") ? PRIMARY : STANDBY, p.botId()));
            assertThat(p.epoch()).isEqualTo(2);
        });
        round.forEach(r -> assertThat(r.count("listed")).isEqualTo(BOTS));
        round.forEach(r -> assertThat(r.failed()).isEmpty());

        // the next overlapping round renews; nobody claims, nothing changes hands
        List<BotHeartbeat.Report> next = concurrently(first, second, other);
        assertThat(world.leases.claims()).hasSize(BOTS);
        for (BotHeartbeat.Report r : next) {
            assertThat(r.claimed()).isEmpty();
            assertThat(r.lost()).isEmpty();
            List<String> owned = bots.stream().filter(b -> owner.get(b).equals(r.instanceId())).toList();
            assertThat(r.renewed()).containsExactlyInAnyOrderElementsOf(owned);
            assertThat(r.standby()).hasSize(BOTS - owned.size());
        }
        bots.forEach(b -> assertThat(world.leases.get(b).orElseThrow().ownerId()).isEqualTo(owner.get(b)));
    }

    /** Runs one beat of each heartbeat, all released at the same moment. */
    private static List<BotHeartbeat.Report> concurrently(BotHeartbeat... heartbeats) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService runs = Executors.newFixedThreadPool(heartbeats.length);
        try {
            List<Future<BotHeartbeat.Report>> futures = new ArrayList<>();
            for (BotHeartbeat h : heartbeats) {
                Callable<BotHeartbeat.Report> beat = () -> {
                    go.await();
                    return h.beat();
                };
                futures.add(runs.submit(beat));
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
