package io.botfleet.bots;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.ownership.Lease;
import io.botfleet.telegram.TelegramApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The beat on in-memory ports (leases, bots, Telegram, clock): outcomes and their counts, the fixed pool, the time
 * budget (the clock moves only with Telegram's simulated latency), skipped bots served first by the next beat.
 */
class BotHeartbeatTest {
    static final String HERE = "https://here.example";
    static final String ELSEWHERE = "https://elsewhere.example";

    final FleetWorld world = new FleetWorld();

    /** Metrics as a list of lines, e.g. {@code LeaseClaimed 1 100002} and {@code beat {BotsRenewed=1.0, …}}. */
    static final class RecordedMetrics implements BotHeartbeat.Metrics {
        final List<String> perBot = new ArrayList<>();
        final List<Map<String, Double>> beats = new ArrayList<>();

        @Override
        public void record(String name, double value, String botId) {
            perBot.add(name + " " + (long) value + " " + botId);
        }

        @Override
        public void beat(Map<String, Double> figures) {
            beats.add(figures);
        }
    }

    static BotHeartbeat.Settings settings(int workers) {
        return BotHeartbeat.Settings.DEFAULTS.withWorkers(workers);
    }

    @Test
    void renewsItsLeasesClaimsExpiredOnesStandsByForLiveOnesOfOthersAndCountsEachOutcome() {
        String mine = world.addBot("100005", "active", "restore");
        String expired = world.addBot("100004", "active", "restore");
        String others = world.addBot("100003", "active", "restore");
        String disabled = world.addBot("100002", "disabled", "restore");
        String fresh = world.addBot("100001", "active", "restore", "unknown");
        world.own(mine, "primary", HERE, 3);
        world.leases.put(new Lease(expired, "old", 7, world.clock.instant().minusSeconds(1)));
        world.own(others, "standby", ELSEWHERE, 2);
        RecordedMetrics metrics = new RecordedMetrics();

        BotHeartbeat.Report report = world.heartbeat("primary", HERE, settings(4), metrics).beat();

        assertThat(report.renewed()).containsExactly(mine);
        assertThat(report.claimed()).containsExactly(expired, fresh);
        assertThat(report.standby()).containsExactly(others);
        assertThat(report.disabled()).containsExactly(disabled);
        assertThat(report.lost()).isEmpty();
        assertThat(report.failed()).isEmpty();
        assertThat(report.skipped()).isEmpty();
        assertThat(report.counts()).containsEntry("listed", 5).containsEntry("completed", 5).containsEntry("renewed", 1)
                .containsEntry("claimed", 2).containsEntry("standby", 1).containsEntry("disabled", 1).containsEntry("skipped", 0);
        // the claimed bots: next epoch, webhook pointed here with it, health recorded by the new owner
        assertThat(world.leases.get(expired).orElseThrow()).extracting(Lease::ownerId, Lease::epoch).containsExactly("primary", 8L);
        assertThat(world.leases.get(fresh).orElseThrow()).extracting(Lease::ownerId, Lease::epoch).containsExactly("primary", 1L);
        assertThat(world.telegramUrl).containsEntry(expired, FleetWorld.url(HERE, expired)).containsEntry(fresh, FleetWorld.url(HERE, fresh))
                .containsEntry(others, FleetWorld.url(ELSEWHERE, others));
        assertThat(world.health.get(expired).epoch()).isEqualTo(8);
        assertThat(world.health.get(mine).action()).isEqualTo("none");
        assertThat(world.health).doesNotContainKeys(others, disabled);
        assertThat(world.leases.get(mine).orElseThrow().leaseUntil()).isEqualTo(world.clock.instant().plus(FleetWorld.LEASE));
        // one webhook-state write per claimed bot (pointing it marks it attached), none for a renewed attached one
        assertThat(world.stateWrites.get()).isEqualTo(2);
        assertThat(world.webhookState.get(fresh)).isEqualTo("attached");
        // events per bot, counts per beat
        assertThat(metrics.perBot).containsExactlyInAnyOrder("LeaseClaimed 1 " + expired, "LeaseClaimed 1 " + fresh);
        assertThat(metrics.beats).singleElement().satisfies(f -> assertThat(f)
                .containsEntry("BotsListed", 5.0).containsEntry("BotsRenewed", 1.0).containsEntry("BotsClaimed", 2.0)
                .containsEntry("BotsStandby", 1.0).containsEntry("BotsSkipped", 0.0).containsEntry("PendingUpdates", 0.0));
    }

    @Test
    void restoresAWebhookChangedElsewhereOrMarksTheBotDetachedAsItsPolicySays() {
        String restore = world.addBot("100002", "active", "restore");
        String leave = world.addBot("100001", "active", "leave");
        world.own(restore, "primary", HERE, 1);
        world.own(leave, "primary", HERE, 1);
        world.telegramUrl.put(restore, "https://someone.example/hook");
        world.telegramUrl.put(leave, "https://someone.example/hook");
        RecordedMetrics metrics = new RecordedMetrics();

        BotHeartbeat.Report report = world.heartbeat("primary", HERE, settings(2), metrics).beat();

        assertThat(report.renewed()).containsExactly(restore, leave);
        assertThat(report.restored()).containsExactly(restore);
        assertThat(report.detached()).containsExactly(leave);
        assertThat(world.telegramUrl.get(restore)).isEqualTo(FleetWorld.url(HERE, restore));
        assertThat(world.telegramUrl.get(leave)).isEqualTo("https://someone.example/hook");
        assertThat(world.webhookState.get(leave)).isEqualTo("detached");
        assertThat(world.health.get(leave).urlMismatch()).isTrue();
        assertThat(world.health.get(restore).urlMismatch()).isFalse();
        assertThat(metrics.perBot).containsExactlyInAnyOrder("WebhookRestored 1 " + restore, "WebhookDetached 1 " + leave);
    }

    @Test
    void aTelegramErrorFailsThatBotOnlyAndIsCountedAgainstIt() {
        List<String> bots = world.addBots(6);
        bots.forEach(id -> world.own(id, "primary", HERE, 1));
        String broken = bots.get(2);
        world.onWebhookInfo = botId -> {
            if (botId.equals(broken)) {
                throw new TelegramApiException("getWebhookInfo", 502, "Bad Gateway", OptionalInt.empty());
            }
        };
        RecordedMetrics metrics = new RecordedMetrics();

        BotHeartbeat.Report report = world.heartbeat("primary", HERE, settings(3), metrics).beat();

        assertThat(report.failed()).containsExactly(broken);
        assertThat(report.renewed()).hasSize(6); // its lease was renewed before Telegram failed
        assertThat(report.count("completed")).isEqualTo(5);
        assertThat(metrics.perBot).containsExactly("TelegramErrors 1 " + broken);
        assertThat(world.health).hasSize(5).doesNotContainKey(broken);
    }

    @Test
    void aBotWithUpdatesWaitingAtTelegramHasItsBacklogAsItsOwnFigureAndTheBeatTheSumAndMaximum() {
        List<String> bots = world.addBots(3);
        bots.forEach(id -> world.own(id, "primary", HERE, 1));
        world.pendingUpdates.put(bots.get(0), 120);
        world.pendingUpdates.put(bots.get(2), 7);
        RecordedMetrics metrics = new RecordedMetrics();

        world.heartbeat("primary", HERE, settings(2), metrics).beat();

        // an idle bot says nothing: a per-bot metric is billed for every hour it is sent
        assertThat(metrics.perBot).containsExactlyInAnyOrder("PendingUpdates 120 " + bots.get(0), "PendingUpdates 7 " + bots.get(2));
        assertThat(metrics.beats).singleElement().satisfies(f -> assertThat(f)
                .containsEntry("PendingUpdates", 127.0).containsEntry("PendingUpdatesMax", 120.0));
    }

    @Test
    void beatsBotsOnAFixedPoolOfWorkersAllBusyAtOnceNeverMore() {
        int workers = 8;
        List<String> bots = world.addBots(workers * 6);
        bots.forEach(id -> world.own(id, "primary", HERE, 1));
        // every getWebhookInfo waits until `workers` calls are in flight: the beat only gets through if its pool runs
        // that many bots at once
        CyclicBarrier together = new CyclicBarrier(workers);
        world.onWebhookInfo = botId -> {
            try {
                together.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("fewer than " + workers + " bots in flight", e);
            }
        };

        BotHeartbeat.Report report = world.heartbeat("primary", HERE, settings(workers).withPageSize(10), BotHeartbeat.Metrics.NONE).beat();

        assertThat(report.renewed()).containsExactlyElementsOf(world.listingOrder());
        assertThat(report.count("completed")).isEqualTo(bots.size());
        assertThat(world.maxInFlight.get()).isEqualTo(workers);
    }

    @Test
    void stopsStartingBotsWhenTheBudgetRunsOutAndReportsTheRestSkipped() {
        List<String> order = ownedBots(50);
        world.telegramLatency = Duration.ofSeconds(1);
        Instant deadline = world.clock.instant().plusSeconds(30); // no bot starts after deadline − 10 s: 20 bots

        BotHeartbeat.Report report = serialHeartbeat().beat(deadline);

        assertThat(report.renewed()).containsExactlyElementsOf(order.subList(0, 20));
        assertThat(report.skipped()).containsExactlyElementsOf(order.subList(20, 50));
        assertThat(report.counts()).containsEntry("listed", 50).containsEntry("completed", 20).containsEntry("skipped", 30);
        assertThat(world.clock.instant()).isBefore(deadline);
        // a skipped bot was not touched
        assertThat(world.leases.get(order.get(20)).orElseThrow().leaseUntil()).isBefore(world.leases.get(order.get(19)).orElseThrow().leaseUntil());
    }

    @Test
    void theNextBeatBeginsAtTheBotsTheLastOneSkippedAndWrapsAroundSoEveryBotGetsItsTurn() {
        List<String> order = ownedBots(50);
        world.telegramLatency = Duration.ofSeconds(1);
        BotHeartbeat heartbeat = serialHeartbeat();
        List<BotHeartbeat.Report> beats = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            beats.add(heartbeat.beat(world.clock.instant().plusSeconds(30)));
        }

        assertThat(beats.get(0).renewed()).containsExactlyElementsOf(order.subList(0, 20));
        // page size 10: the first skipped bot (the 21st) starts a page, so the next beat begins with it
        assertThat(beats.get(1).renewed()).containsExactlyElementsOf(order.subList(20, 40));
        List<String> third = new ArrayList<>(order.subList(40, 50));
        third.addAll(order.subList(0, 10));
        assertThat(beats.get(2).renewed()).containsExactlyElementsOf(third);
        assertThat(beats.get(2).skipped()).containsExactlyElementsOf(order.subList(10, 40));
        Set<String> served = new HashSet<>();
        beats.forEach(b -> served.addAll(b.renewed()));
        assertThat(served).containsExactlyInAnyOrderElementsOf(order);
        beats.forEach(b -> assertThat(b.count("listed")).isEqualTo(50)); // each bot once per beat, wrapped or not
    }

    @Test
    void aBotStillRunningWhenTheReportIsDueIsReportedUnfinishedAndTheBeatAnswersInTime() throws Exception {
        List<String> order = ownedBots(3);
        Instant deadline = world.clock.instant().plusSeconds(30);
        CountDownLatch release = new CountDownLatch(1);
        world.onWebhookInfo = botId -> {
            if (botId.equals(order.getFirst())) {
                world.clock.advance(Duration.ofSeconds(29)); // Telegram hangs past the answer margin (deadline − 2 s)
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        BotHeartbeat.Report report;
        try {
            report = serialHeartbeat().beat(deadline);
        } finally {
            release.countDown();
        }

        assertThat(report.unfinished()).containsExactly(order.getFirst());
        assertThat(report.skipped()).containsExactlyElementsOf(order.subList(1, 3));
        assertThat(report.counts()).containsEntry("listed", 3).containsEntry("completed", 0).containsEntry("unfinished", 1);
    }

    @Test
    void aLeaseLostBetweenRenewalAndTheHealthWriteIsReportedLost() {
        List<String> order = ownedBots(2);
        String taken = order.get(1);
        world.onWebhookInfo = botId -> {
            if (botId.equals(taken)) { // another instance takes the bot over meanwhile
                world.leases.put(new Lease(taken, "standby", 2, world.clock.instant().plusSeconds(180)));
            }
        };
        RecordedMetrics metrics = new RecordedMetrics();

        BotHeartbeat.Report report = world.heartbeat("primary", HERE, settings(1), metrics).beat();

        assertThat(report.renewed()).containsExactly(order.getFirst());
        assertThat(report.lost()).containsExactly(taken);
        assertThat(world.health).doesNotContainKey(taken);
        assertThat(metrics.perBot).containsExactly("LeaseLost 1 " + taken);
    }

    /** {@code count} bots owned by "primary" here, in listing order. */
    private List<String> ownedBots(int count) {
        world.addBots(count).forEach(id -> world.own(id, "primary", HERE, 1));
        return world.listingOrder();
    }

    /** One worker, pages of 10: the order of the bots and of the clock is deterministic. */
    private BotHeartbeat serialHeartbeat() {
        return world.heartbeat("primary", HERE, settings(1).withPageSize(10), BotHeartbeat.Metrics.NONE);
    }
}
