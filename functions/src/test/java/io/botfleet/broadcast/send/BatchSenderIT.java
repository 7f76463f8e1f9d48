package io.botfleet.broadcast.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.broadcast.content.TelegramSendRequests;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.ApiCall;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedGroup;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.Faults;
import io.botfleet.telegram.emulator.Limits;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against the Telegram emulator and the real ledger table: pacing, 429, 403, 400, 5xx, crash recovery. */
@LocalAws
class BatchSenderIT {
    private static TelegramEmulator telegram;
    private static DeliveryLedger ledger;
    private static BatchSender sender;
    private static io.botfleet.broadcast.campaign.CampaignStore campaigns;
    private EmulatedBot bot;
    private BotSendProfile profile;
    private static int campaignSeq;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        telegram = TelegramEmulator.start(0);
        ledger = new DynamoDeliveryLedger(stack.clients().dynamoDb(), "DeliveriesTable", "CampaignsTable", Clock.systemUTC());
        campaigns = new io.botfleet.broadcast.campaign.DynamoCampaignStore(stack.clients().dynamoDb(), "CampaignsTable", Clock.systemUTC());
        sender = new BatchSender(TelegramBotApi.create(URI.create(telegram.baseUrl())), ledger,
                new SendSettings(0.5, 256, 3, Duration.ofMillis(20), Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        telegram.close();
    }

    @BeforeEach
    void newBot() {
        bot = telegram.createBot("bot" + (++campaignSeq) + "_bot", "Test");
        profile = new BotSendProfile(Long.toString(bot.id()), bot.token(), 30, 1000);
    }

    private List<Long> users(int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EmulatedUser u = telegram.createUser("User" + i, "user" + i + "_" + campaignSeq, "en");
            ids.add(u.id());
        }
        return ids;
    }

    private CampaignDispatch dispatch(String campaignId, DeliveryPolicy policy, boolean paid) {
        MessageContent content = MessageContent.text("Hello <b>there</b>", ParseMode.HTML);
        return new CampaignDispatch(campaignId, chat -> TelegramSendRequests.forChat(content, chat, paid, null), policy,
                paid, () -> CampaignDispatch.RunState.RUNNING);
    }

    private List<BatchResult> send(List<SendBatch> batches, DeliveryPolicy policy) {
        CampaignDispatch d = dispatch(batches.getFirst().campaignId(), policy, false);
        return sender.send(profile, TelegramRateLimiter.forLimit(profile.ratePerSecond()), batches, id -> d, () -> 60_000);
    }

    private SendBatch batch(String campaign, int no, List<Long> chats) {
        return new SendBatch(campaign, profile.botId(), no, chats);
    }

    @Test
    void sendsEveryoneOnceAtThePace() {
        List<Long> chats = users(60);
        List<BatchResult> results = send(List.of(batch("c-pace", 0, chats.subList(0, 30)), batch("c-pace", 1, chats.subList(30, 60))),
                DeliveryPolicy.AT_MOST_ONCE);
        assertThat(results).allMatch(r -> r.status() == BatchResult.Status.COMPLETED && r.finishedNow());
        assertThat(results.stream().mapToInt(r -> r.newOutcomes().getOrDefault(DeliveryOutcome.SENT, 0)).sum()).isEqualTo(60);
        for (long chat : chats) {
            assertThat(telegram.messagesReceivedBy(bot.id(), chat)).hasSize(1);
        }
        // departures are spaced under the limit, but a loaded machine can stall the sender's threads and bunch a few
        // requests, which Telegram answers with a 429 that the sender honours; how close the pace comes to the limit
        // is the pacing benchmark's figure, not this test's; that each send waits for its slot is BatchSenderTest's
        assertThat(telegram.calls(bot.id())).extracting(ApiCall::status).isSubsetOf(200, 429);
        assertThat(telegram.calls(bot.id())).filteredOn(call -> call.status() == 429).hasSizeLessThanOrEqualTo(2);
        LedgerChunk chunk = ledger.load(batch("c-pace", 1, chats.subList(30, 60))).orElseThrow();
        assertThat(chunk.complete()).isTrue();
        assertThat(java.util.Arrays.stream(chunk.snapshot().messageIds()).allMatch(id -> id > 0)).isTrue();
    }

    @Test
    void blockedUnknownAndRateLimitedRecipientsEachEndWithTheirOutcome() {
        List<Long> chats = new ArrayList<>(users(5));
        telegram.userBlocksBot(bot.id(), chats.get(1));
        chats.add(999_999_999L); // no such chat
        telegram.faults(bot.id(), Faults.forced429(2, 1));
        BatchResult result = send(List.of(batch("c-mixed", 0, chats)), DeliveryPolicy.AT_MOST_ONCE).getFirst();
        assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(result.newOutcomes()).containsEntry(DeliveryOutcome.SENT, 4).containsEntry(DeliveryOutcome.BLOCKED, 1)
                .containsEntry(DeliveryOutcome.NOT_FOUND, 1);
        assertThat(result.refused(DeliveryOutcome.BLOCKED)).containsExactly(chats.get(1));
        // the forced 429s were answered, and their recipients sent after them (how long the sender waited for them is
        // BatchSenderTest's, on the pacer's clock)
        assertThat(telegram.calls(bot.id())).filteredOn(call -> call.status() == 429).hasSizeGreaterThanOrEqualTo(2);
        LedgerChunk chunk = ledger.load(batch("c-mixed", 0, chats)).orElseThrow();
        assertThat(chunk.snapshot().errors()).containsKeys(1, 5);
    }

    @Test
    void eachRefusalKeepsTelegramsDescriptionAndSaysWhichRefusalItIs() {
        List<Long> chats = new ArrayList<>(users(3));
        telegram.userBlocksBot(bot.id(), chats.get(0));
        telegram.deactivateUser(chats.get(1));
        chats.set(2, telegram.createUser("Stranger", "stranger_" + campaignSeq, "en", false).id());
        EmulatedGroup basic = telegram.createBasicGroup("Basic " + campaignSeq);
        EmulatedGroup supergroup = telegram.createGroup("Super " + campaignSeq);
        telegram.kickBotFromGroup(bot.id(), basic.id());
        telegram.kickBotFromGroup(bot.id(), supergroup.id());
        chats.add(basic.id());
        chats.add(supergroup.id());
        chats.addAll(users(1));

        BatchResult result = send(List.of(batch("c-403", 0, chats)), DeliveryPolicy.AT_MOST_ONCE).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(result.newOutcomes()).containsEntry(DeliveryOutcome.BLOCKED, 1).containsEntry(DeliveryOutcome.DEACTIVATED, 1)
                .containsEntry(DeliveryOutcome.NOT_STARTED, 1).containsEntry(DeliveryOutcome.KICKED, 2)
                .containsEntry(DeliveryOutcome.SENT, 1);
        assertThat(result.refused(DeliveryOutcome.BLOCKED)).containsExactly(chats.get(0));
        assertThat(result.refused(DeliveryOutcome.DEACTIVATED)).containsExactly(chats.get(1));
        assertThat(result.refused(DeliveryOutcome.NOT_STARTED)).containsExactly(chats.get(2));
        assertThat(result.refused(DeliveryOutcome.KICKED)).containsExactlyInAnyOrder(basic.id(), supergroup.id());
        LedgerChunk chunk = ledger.load(batch("c-403", 0, chats)).orElseThrow();
        assertThat(chunk.snapshot().errors()).containsExactlyInAnyOrderEntriesOf(Map.of(
                0, "403 Forbidden: bot was blocked by the user",
                1, "403 Forbidden: user is deactivated",
                2, "403 Forbidden: bot can't initiate conversation with a user",
                3, "403 Forbidden: bot was kicked from the group chat",
                4, "403 Forbidden: bot was kicked from the supergroup chat"));
        assertThat(chunk.outcome(1)).isEqualTo(DeliveryOutcome.DEACTIVATED);
    }

    @Test
    void aMessageForAnUpgradedGroupGoesToItsSupergroupOnceAndTheMoveIsReported() {
        EmulatedGroup group = telegram.createBasicGroup("Upgraded " + campaignSeq);
        EmulatedGroup supergroup = telegram.migrateGroupToSupergroup(group.id());
        List<Long> chats = List.of(group.id(), users(1).getFirst());

        BatchResult result = send(List.of(batch("c-migrate", 0, chats)), DeliveryPolicy.AT_MOST_ONCE).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(result.newOutcomes()).containsEntry(DeliveryOutcome.SENT, 2);
        assertThat(result.migrations()).containsExactly(new BatchResult.Migration(group.id(), supergroup.id()));
        assertThat(telegram.messagesReceivedBy(bot.id(), supergroup.id())).hasSize(1);
        LedgerChunk chunk = ledger.load(batch("c-migrate", 0, chats)).orElseThrow();
        assertThat(chunk.snapshot().errors().get(0))
                .isEqualTo("400 Bad Request: group chat was upgraded to a supergroup chat; sent to " + supergroup.id());
        assertThat(chunk.snapshot().messageIds()[0])
                .isEqualTo(telegram.messagesReceivedBy(bot.id(), supergroup.id()).getFirst().messageId());
    }

    @Test
    void transientErrorsAreRetriedAndLeftForRedeliveryWhenTheyPersist() {
        List<Long> chats = users(10);
        telegram.faults(bot.id(), Faults.serverErrors(1.0));
        BatchResult first = send(List.of(batch("c-5xx", 0, chats)), DeliveryPolicy.AT_MOST_ONCE).getFirst();
        assertThat(first.status()).isEqualTo(BatchResult.Status.RETRY);
        assertThat(first.finishedNow()).isFalse();
        telegram.faults(bot.id(), Faults.NONE);
        BatchResult second = send(List.of(batch("c-5xx", 0, chats)), DeliveryPolicy.AT_MOST_ONCE).getFirst();
        assertThat(second.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(second.finishedNow()).isTrue();
        assertThat(second.newOutcomes()).containsEntry(DeliveryOutcome.SENT, 10);
        for (long chat : chats) {
            assertThat(telegram.messagesReceivedBy(bot.id(), chat)).hasSize(1);
        }
    }

    @Test
    void aRedeliveredCompletedBatchSendsNothing() {
        List<Long> chats = users(3);
        send(List.of(batch("c-dup", 0, chats)), DeliveryPolicy.AT_MOST_ONCE);
        BatchResult again = send(List.of(batch("c-dup", 0, chats)), DeliveryPolicy.AT_MOST_ONCE).getFirst();
        assertThat(again.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(again.finishedNow()).isFalse();
        assertThat(again.newOutcomes()).isEmpty();
        assertThat(telegram.totalMessagesSent(bot.id())).isEqualTo(3);
    }

    @Test
    void afterACrashInFlightRecipientsAreUnknownUnderAtMostOnceAndResentUnderAtLeastOnce() {
        List<Long> chats = users(6);
        for (DeliveryPolicy policy : DeliveryPolicy.values()) {
            String campaign = "c-crash-" + policy;
            // what a sender killed mid-wave leaves: two sent, two in flight, two not started
            SendBatch b = batch(campaign, 0, chats);
            LedgerChunk crashed = LedgerChunk.fresh(b);
            crashed.beginAttempt(policy);
            crashed.record(0, DeliveryOutcome.SENT, 11, null);
            crashed.record(1, DeliveryOutcome.SENT, 12, null);
            crashed.markInFlight(List.of(2, 3));
            ledger.save(crashed);
            int before = telegram.totalMessagesSent(bot.id());
            BatchResult result = send(List.of(b), policy).getFirst();
            assertThat(result.inDoubt()).isEqualTo(2);
            assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
            int resent = telegram.totalMessagesSent(bot.id()) - before;
            if (policy == DeliveryPolicy.AT_MOST_ONCE) {
                assertThat(resent).isEqualTo(2);
                assertThat(result.newOutcomes()).containsEntry(DeliveryOutcome.UNKNOWN, 2).containsEntry(DeliveryOutcome.SENT, 2);
            } else {
                assertThat(resent).isEqualTo(4);
                assertThat(result.newOutcomes()).containsEntry(DeliveryOutcome.SENT, 4).doesNotContainKey(DeliveryOutcome.UNKNOWN);
            }
        }
    }

    @Test
    void aSendTelegramAcceptedButAnsweredTooLateIsUnknownAndNeverRepeatedUnderAtMostOnceAndRetriedUnderAtLeastOnce() {
        // the client waits 1.5 s for an answer; Telegram delivers the message but answers only after 5 s. (Every
        // other answer here must come within 1.5 s: one recipient per batch keeps those to the at-least-once retry.)
        BatchSender impatient = new BatchSender(new TelegramBotApi(URI.create(telegram.baseUrl()), Duration.ofSeconds(5),
                Duration.ofMillis(1500)), ledger, new SendSettings(0.5, 256, 3, Duration.ofMillis(20), Duration.ofSeconds(1)));
        for (DeliveryPolicy policy : DeliveryPolicy.values()) {
            long chat = users(1).getFirst();
            SendBatch b = batch("c-late-" + policy + "-" + campaignSeq, 0, List.of(chat));
            CampaignDispatch d = dispatch(b.campaignId(), policy, false);
            telegram.faults(bot.id(), Faults.slowAcceptedSends(1, Duration.ofSeconds(5)));

            BatchResult result = impatient.send(profile, TelegramRateLimiter.forLimit(30), List.of(b), id -> d, () -> 60_000).getFirst();
            // and a redelivery of the batch (SQS, a redrive) changes nothing for that chat
            impatient.send(profile, TelegramRateLimiter.forLimit(30), List.of(b), id -> d, () -> 60_000);

            assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
            LedgerChunk chunk = ledger.load(b).orElseThrow();
            if (policy == DeliveryPolicy.AT_MOST_ONCE) {
                assertThat(telegram.messagesReceivedBy(bot.id(), chat)).as("delivered once, never again").hasSize(1);
                assertThat(chunk.outcome(0)).isEqualTo(DeliveryOutcome.UNKNOWN);
                assertThat(chunk.snapshot().errors().get(0)).contains("no answer from Telegram").contains("SocketTimeoutException");
                assertThat(result.newOutcomes()).containsOnly(Map.entry(DeliveryOutcome.UNKNOWN, 1));
            } else {
                // at least once: sent again, the duplicate this policy accepts
                assertThat(telegram.messagesReceivedBy(bot.id(), chat)).hasSize(2);
                assertThat(chunk.outcome(0)).isEqualTo(DeliveryOutcome.SENT);
                assertThat(result.newOutcomes()).containsOnly(Map.entry(DeliveryOutcome.SENT, 1));
            }
        }
    }

    @Test
    void cancelStopsBeforeTheNextWaveAndRecordsTheRest() {
        List<Long> chats = users(40);
        var state = new java.util.concurrent.atomic.AtomicReference<>(CampaignDispatch.RunState.RUNNING);
        MessageContent content = MessageContent.text("hi", ParseMode.NONE);
        CampaignDispatch d = new CampaignDispatch("c-cancel", chat -> {
            state.set(CampaignDispatch.RunState.CANCELLED);
            return TelegramSendRequests.forChat(content, chat, false, null);
        }, DeliveryPolicy.AT_MOST_ONCE, false, state::get);
        BatchResult result = sender.send(profile, TelegramRateLimiter.forLimit(30), List.of(batch("c-cancel", 0, chats)),
                id -> d, () -> 60_000).getFirst();
        assertThat(result.status()).isEqualTo(BatchResult.Status.CANCELLED);
        assertThat(result.newOutcomes().get(DeliveryOutcome.SENT)).isEqualTo(15); // the first wave (0.5 s at 30/s)
        assertThat(result.newOutcomes().get(DeliveryOutcome.CANCELLED)).isEqualTo(25);
    }

    @Test
    void aBatchPausedHalfWayCountsWhatItDeliveredAndCountsEachOutcomeOnceAfterTheResume() {
        List<Long> chats = users(100);
        String campaign = "c-pause-" + campaignSeq;
        var state = new java.util.concurrent.atomic.AtomicReference<>(CampaignDispatch.RunState.RUNNING);
        var requests = new java.util.concurrent.atomic.AtomicInteger();
        MessageContent content = MessageContent.text("hi", ParseMode.NONE);
        CampaignDispatch d = new CampaignDispatch(campaign, chat -> {
            // the admin pauses as the fifth wave (messages 41-50) starts: the sender stops before the sixth. The wave's
            // last nine sends wait for their pace slots after this, so the pause is seen before the next wave starts
            if (requests.incrementAndGet() == 41) {
                state.set(CampaignDispatch.RunState.PAUSED);
            }
            return TelegramSendRequests.forChat(content, chat, false, null);
        }, DeliveryPolicy.AT_MOST_ONCE, false, state::get);
        // waves of ten (a third of a second at 30/s), so the pause lands on a wave's end
        BatchSender tenPerWave = new BatchSender(TelegramBotApi.create(URI.create(telegram.baseUrl())), ledger,
                new SendSettings(1.0 / 3, 256, 3, Duration.ofMillis(20), Duration.ofSeconds(1)));
        SendBatch b = batch(campaign, 0, chats);

        BatchResult paused = tenPerWave.send(profile, TelegramRateLimiter.forLimit(30), List.of(b), id -> d, () -> 60_000).getFirst();

        assertThat(paused.status()).isEqualTo(BatchResult.Status.PAUSED);
        assertThat(telegram.totalMessagesSent(bot.id())).isEqualTo(50);
        var progress = campaigns.progress(campaign);
        assertThat(progress.count(DeliveryOutcome.SENT)).as("what was delivered before the pause").isEqualTo(50);
        assertThat(progress.batchesDone()).isZero();

        state.set(CampaignDispatch.RunState.RUNNING);
        BatchResult resumed = tenPerWave.send(profile, TelegramRateLimiter.forLimit(30), List.of(b), id -> d, () -> 60_000).getFirst();

        assertThat(resumed.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(resumed.finishedNow()).isTrue();
        assertThat(telegram.totalMessagesSent(bot.id())).isEqualTo(100);
        progress = campaigns.progress(campaign);
        assertThat(progress.count(DeliveryOutcome.SENT)).as("each delivery counted once").isEqualTo(100);
        assertThat(progress.batchesDone()).isEqualTo(1);
        // a redelivery of the finished batch counts nothing again
        tenPerWave.send(profile, TelegramRateLimiter.forLimit(30), List.of(b), id -> d, () -> 60_000);
        assertThat(campaigns.progress(campaign).count(DeliveryOutcome.SENT)).isEqualTo(100);
        assertThat(campaigns.progress(campaign).batchesDone()).isEqualTo(1);
    }

    @Test
    void paidBroadcastsReachTheirHigherLimit() {
        List<Long> chats = users(100);
        telegram.setLimits(bot.id(), new Limits(30, 1000, 1, 20));
        CampaignDispatch d = dispatch("c-paid", DeliveryPolicy.AT_MOST_ONCE, true);
        BatchResult result = sender.send(profile, TelegramRateLimiter.forLimit(profile.paidRatePerSecond()),
                List.of(batch("c-paid", 0, chats)), id -> d, () -> 60_000).getFirst();
        // without the paid flag and pace the emulator would answer 429s at the free limit (every call is 200 below)
        assertThat(result.newOutcomes()).containsEntry(DeliveryOutcome.SENT, 100);
        assertThat(telegram.messagesReceivedBy(bot.id(), chats.getFirst()).getFirst().allowPaidBroadcast()).isTrue();
        assertThat(telegram.calls(bot.id())).extracting(ApiCall::status).containsOnly(200);
    }

    @Test
    void ledgerChunksStayFarBelowTheItemLimit(LocalAwsStack stack) {
        List<Long> chats = new ArrayList<>();
        for (int i = 0; i < SendBatch.MAX_RECIPIENTS; i++) {
            chats.add(9_000_000_000L + i);
        }
        SendBatch b = batch("c-size", 0, chats);
        LedgerChunk chunk = LedgerChunk.fresh(b);
        for (int i = 0; i < chats.size(); i++) {
            chunk.record(i, DeliveryOutcome.FAILED, 0, "400 Bad Request: some long reason text that Telegram gave us here");
        }
        ledger.save(chunk);
        var item = stack.clients().dynamoDb().getItem(r -> r.tableName("DeliveriesTable")
                .key(DynamoDeliveryLedger.key("c-size", 0))).item();
        int bytes = item.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().toString().length()).sum();
        // a paid batch of 1,000 with a reason for every recipient: a quarter of DynamoDB's 400 KB
        assertThat(bytes).isLessThan(100_000);
        assertThat(Set.copyOf(Map.copyOf(item).keySet())).contains("outcomes", "messageIds", "recipients", "errors");
    }
}
