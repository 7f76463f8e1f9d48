package io.botfleet.broadcast.send;

import static io.botfleet.broadcast.send.Sending.MINUTE;
import static io.botfleet.broadcast.send.Sending.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignProgress;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.telegram.FakeTelegram;
import io.botfleet.telegram.FakeTelegram.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the batch sender decides from Telegram's answers, on the in-memory ledger and a fake Telegram: each answer's
 * outcome, when it stops a bot or a campaign, what it leaves for a later delivery, and that a ledger entry is never
 * sent or counted twice.
 */
class BatchSenderTest {
    final Sending s = new Sending();
    final FakeTelegram telegram = s.telegram;

    @Test
    void everyRecipientIsSentOnceWithItsMessageIdAndTheBatchesAreCountedAsDone() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 2);
        List<SendBatch> batches = List.of(batch(c, 0, 1, 100), batch(c, 1, 101, 50));

        List<BatchResult> results = s.send(c, batches, MINUTE);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BatchResult.Status.COMPLETED);
            assertThat(r.finishedNow()).isTrue();
            assertThat(r.stop()).isEmpty();
        });
        assertThat(results).extracting(r -> r.newOutcomes().get(DeliveryOutcome.SENT)).containsExactly(100, 50);
        assertThat(telegram.chatsCalled()).hasSize(150).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(s.chunk(batches.get(1)).snapshot().messageIds())).allMatch(id -> id > 1_000);
        CampaignProgress progress = s.world.campaigns.progress(c.id());
        assertThat(progress.count(DeliveryOutcome.SENT)).isEqualTo(150);
        assertThat(progress.batchesDone()).isEqualTo(2);
    }

    @Test
    void eachKindOf403EndsItsRecipientWithTheOutcomeItMeansAndIsReportedAsARefusal() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        telegram.answer(2, Answer.blocked());
        telegram.answer(3, Answer.error(403, "Forbidden: user is deactivated"));
        telegram.answer(4, Answer.error(403, "Forbidden: bot can't initiate conversation with a user"));
        telegram.answer(5, Answer.error(403, "Forbidden: bot was kicked from the supergroup chat"));
        telegram.answer(6, Answer.error(403, "Forbidden: something Telegram has not said before"));
        SendBatch batch = batch(c, 0, 1, 6);

        BatchResult result = s.send(c, List.of(batch), MINUTE).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(result.refusals()).containsExactlyInAnyOrder(
                new BatchResult.Refusal(2, DeliveryOutcome.BLOCKED), new BatchResult.Refusal(3, DeliveryOutcome.DEACTIVATED),
                new BatchResult.Refusal(4, DeliveryOutcome.NOT_STARTED), new BatchResult.Refusal(5, DeliveryOutcome.KICKED),
                new BatchResult.Refusal(6, DeliveryOutcome.BLOCKED));
        assertThat(s.chunk(batch).snapshot().outcomes()).isEqualTo("SBDIKB");
        assertThat(s.chunk(batch).snapshot().errors().get(1)).isEqualTo("403 Forbidden: bot was blocked by the user");
        assertThat(telegram.chatsCalled()).hasSize(6);
    }

    @Test
    void aChatThatDoesNotExistIsNotFoundAndAnotherRefusalOfTheChatFails() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        telegram.answer(1, Answer.error(400, "Bad Request: chat not found"));
        telegram.answer(2, Answer.error(400, "Bad Request: TOPIC_CLOSED"));
        SendBatch batch = batch(c, 0, 1, 3);

        BatchResult result = s.send(c, List.of(batch), MINUTE).getFirst();

        assertThat(s.chunk(batch).snapshot().outcomes()).isEqualTo("NFS");
        assertThat(result.refusals()).isEmpty();
        assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
    }

    @Test
    void a401StopsEveryBatchOfTheBotAtOnceAndLeavesTheRecipientsPendingForAResume() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 2);
        telegram.answer(1, Answer.error(401, "Unauthorized"));
        List<SendBatch> batches = List.of(batch(c, 0, 1, 100), batch(c, 1, 101, 100));

        List<BatchResult> results = s.send(c, batches, MINUTE);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(BatchResult.Status.PAUSED);
            assertThat(r.stop()).containsInstanceOf(BatchResult.Stop.TokenRevoked.class);
        });
        assertThat(telegram.chatsCalled()).as("the first request answers before the others go").containsExactly(1L);
        assertThat(s.chunk(batches.getFirst()).pending()).hasSize(100);
        assertThat(s.world.campaigns.progress(c.id()).finished()).isZero();
    }

    @Test
    void a429LongerThanTheInvocationHasLeftHandsTheBatchesBackWithoutWaiting() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        telegram.answer(1, Answer.retryAfter(30));
        SendBatch batch = batch(c, 0, 1, 20);

        BatchResult result = s.send(c, List.of(batch), 25_000).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.RETRY);
        assertThat(result.stop()).contains(new BatchResult.Stop.HandBack(Duration.ofSeconds(30)));
        assertThat(result.rateLimits()).isEqualTo(new BatchResult.RateLimits(1, Duration.ofSeconds(30)));
        assertThat(telegram.chatsCalled()).containsExactly(1L);
        assertThat(s.chunk(batch).pending()).hasSize(20);
    }

    @Test
    void a429ThatFitsTheInvocationIsWaitedOutAndTheRecipientSentAfterIt() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        telegram.answer(1, Answer.retryAfter(3));
        SendBatch batch = batch(c, 0, 1, 5);
        long before = s.ticker.nanos();

        BatchResult result = s.send(c, List.of(batch), MINUTE).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(result.newOutcomes()).containsEntry(DeliveryOutcome.SENT, 5);
        assertThat(result.rateLimits()).isEqualTo(new BatchResult.RateLimits(1, Duration.ofSeconds(3)));
        assertThat(telegram.chatsCalled()).filteredOn(chat -> chat == 1).hasSize(2);
        assertThat(Duration.ofNanos(s.ticker.nanos() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aRequestLeftWithoutAnswerIsUnknownAtMostOnceAndSentAgainAtLeastOnce() {
        for (DeliveryPolicy policy : DeliveryPolicy.values()) {
            Sending fresh = new Sending();
            Campaign c = fresh.running(policy, 1);
            fresh.telegram.answer(2, new Answer.NoAnswer());
            SendBatch batch = batch(c, 0, 1, 3);

            BatchResult result = fresh.send(c, List.of(batch), MINUTE).getFirst();

            assertThat(result.status()).isEqualTo(BatchResult.Status.COMPLETED);
            boolean atMostOnce = policy == DeliveryPolicy.AT_MOST_ONCE;
            assertThat(fresh.chunk(batch).snapshot().outcomes()).as(policy.name()).isEqualTo(atMostOnce ? "SUS" : "SSS");
            assertThat(fresh.telegram.chatsCalled()).filteredOn(chat -> chat == 2).hasSize(atMostOnce ? 1 : 2);
        }
    }

    @Test
    void transientErrorsAreRetriedAFewTimesAndThenLeftForTheNextDelivery() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        telegram.answer(1, Answer.error(502, "Bad Gateway"));
        telegram.answer(2, Answer.badGateway(), Answer.badGateway(), Answer.badGateway());
        SendBatch batch = batch(c, 0, 1, 3);

        BatchResult result = s.send(c, List.of(batch), MINUTE).getFirst();

        assertThat(s.chunk(batch).snapshot().outcomes()).isEqualTo("STS");
        assertThat(result.status()).isEqualTo(BatchResult.Status.RETRY);
        assertThat(result.stop()).isEmpty();
        assertThat(telegram.chatsCalled()).filteredOn(chat -> chat == 1).hasSize(2);
        assertThat(telegram.chatsCalled()).filteredOn(chat -> chat == 2).hasSize(Sending.SETTINGS.transientAttempts());

        BatchResult redelivered = s.send(c, List.of(batch), MINUTE).getFirst();
        assertThat(redelivered.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(s.chunk(batch).snapshot().outcomes()).isEqualTo("SSS");
    }

    @Test
    void aGroupThatBecameASupergroupGetsTheMessageThereAndTheMoveIsReported() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        telegram.answer(2, Answer.error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                Map.of("migrate_to_chat_id", -100_777L)));
        SendBatch batch = batch(c, 0, 1, 3);

        BatchResult result = s.send(c, List.of(batch), MINUTE).getFirst();

        assertThat(result.migrations()).containsExactly(new BatchResult.Migration(2, -100_777));
        assertThat(s.chunk(batch).snapshot().outcomes()).isEqualTo("SSS");
        assertThat(s.chunk(batch).snapshot().errors().get(1)).endsWith("sent to -100777");
        assertThat(telegram.chatsCalled()).contains(-100_777L);
    }

    @Test
    void aMessageTelegramRejectsStopsItsCampaignBeforeAnyoneElseIsTried() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        telegram.answer(1, Answer.error(400, "Bad Request: wrong type of the web page content"));
        SendBatch batch = batch(c, 0, 1, 50);

        BatchResult result = s.send(c, List.of(batch), MINUTE).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.PAUSED);
        assertThat(result.stop()).contains(new BatchResult.Stop.ContentRejected("Bad Request: wrong type of the web page content"));
        assertThat(telegram.chatsCalled()).containsExactly(1L);
        assertThat(s.chunk(batch).pending()).hasSize(50);
    }

    @Test
    void aPausedCampaignSendsNothingAndKeepsItsRecipientsPending() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        SendBatch batch = batch(c, 0, 1, 10);

        BatchResult result = s.send(c, List.of(batch), () -> CampaignDispatch.RunState.PAUSED, MINUTE).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.PAUSED);
        assertThat(telegram.calls()).isEmpty();
        assertThat(s.chunk(batch).pending()).hasSize(10);
        assertThat(s.chunk(batch).snapshot().inFlight()).isEmpty();
    }

    @Test
    void aCancelledCampaignRecordsItsUnsentRecipientsAsCancelledAndCountsThem() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        SendBatch batch = batch(c, 0, 1, 10);

        BatchResult result = s.send(c, List.of(batch), () -> CampaignDispatch.RunState.CANCELLED, MINUTE).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.CANCELLED);
        assertThat(telegram.calls()).isEmpty();
        assertThat(s.chunk(batch).snapshot().outcomes()).isEqualTo("C".repeat(10));
        assertThat(s.world.campaigns.progress(c.id()).count(DeliveryOutcome.CANCELLED)).isEqualTo(10);
    }

    @Test
    void aPauseBetweenWavesStopsTheBatchAfterTheWaveInHandAndCountsWhatItDelivered() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        SendBatch batch = batch(c, 0, 1, 100);
        AtomicInteger checks = new AtomicInteger();

        BatchResult result = s.send(c, List.of(batch), () -> checks.getAndIncrement() == 0
                ? CampaignDispatch.RunState.RUNNING : CampaignDispatch.RunState.PAUSED, MINUTE).getFirst();

        int wave = Sending.SETTINGS.waveSize(s.bot.ratePerSecond());
        assertThat(result.status()).isEqualTo(BatchResult.Status.PAUSED);
        assertThat(result.newOutcomes()).containsOnly(Map.entry(DeliveryOutcome.SENT, wave));
        assertThat(telegram.chatsCalled()).hasSize(wave);
        assertThat(s.chunk(batch).pending()).hasSize(100 - wave);
        assertThat(s.world.campaigns.progress(c.id()).count(DeliveryOutcome.SENT)).isEqualTo(wave);
        assertThat(result.finishedNow()).isFalse();
    }

    @Test
    void aBatchDeliveredAgainAfterItFinishedSendsAndCountsNothing() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        SendBatch batch = batch(c, 0, 1, 30);
        s.send(c, List.of(batch), MINUTE);
        CampaignProgress counted = s.world.campaigns.progress(c.id());

        BatchResult again = s.send(c, List.of(batch), MINUTE).getFirst();

        assertThat(again.status()).isEqualTo(BatchResult.Status.COMPLETED);
        assertThat(again.finishedNow()).isFalse();
        assertThat(again.newOutcomes()).isEmpty();
        assertThat(telegram.chatsCalled()).hasSize(30);
        assertThat(s.world.campaigns.progress(c.id())).isEqualTo(counted);
    }

    @Test
    void recipientsAStoppedSenderLeftInFlightAreUnknownAtMostOnceAndSentAgainAtLeastOnce() {
        for (DeliveryPolicy policy : DeliveryPolicy.values()) {
            Sending fresh = new Sending();
            Campaign c = fresh.running(policy, 1);
            SendBatch batch = batch(c, 0, 1, 4);
            LedgerChunk crashed = LedgerChunk.fresh(batch);
            crashed.beginAttempt(policy);
            crashed.record(0, DeliveryOutcome.SENT, 7, null);
            crashed.markInFlight(List.of(1, 2));
            fresh.world.ledger.save(crashed);

            BatchResult result = fresh.send(c, List.of(batch), MINUTE).getFirst();

            boolean atMostOnce = policy == DeliveryPolicy.AT_MOST_ONCE;
            assertThat(result.inDoubt()).isEqualTo(2);
            assertThat(fresh.chunk(batch).snapshot().outcomes()).as(policy.name()).isEqualTo(atMostOnce ? "SUUS" : "SSSS");
            assertThat(fresh.telegram.chatsCalled()).containsExactlyInAnyOrderElementsOf(atMostOnce ? List.of(4L) : List.of(2L, 3L, 4L));
        }
    }

    @Test
    void noWaveStartsWithinTheSafetyMarginOfTheInvocationsEnd() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        SendBatch batch = batch(c, 0, 1, 10);

        BatchResult result = s.send(c, List.of(batch), Sending.SETTINGS.safetyMargin().toMillis() - 1).getFirst();

        assertThat(result.status()).isEqualTo(BatchResult.Status.RETRY);
        assertThat(result.stop()).contains(new BatchResult.Stop.OutOfTime());
        assertThat(telegram.calls()).isEmpty();
        assertThat(s.chunk(batch).pending()).hasSize(10);
    }

    @Test
    void everySendWaitsForItsSlotAtTheBotsRateOnThePacersClock() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        long before = s.ticker.nanos();

        s.send(c, List.of(batch(c, 0, 1, 60)), MINUTE);

        // the pacer's clock moves only while sends wait, so it shows the slots they waited for: 60 at 30/s less 2%
        // headroom, the first one interval after the start, one slot of burst
        assertThat(Duration.ofNanos(s.ticker.nanos() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(1_970));
        assertThat(telegram.calls()).hasSize(60).allMatch(call -> call.method().equals("sendMessage")
                && call.token().equals(s.bot.token()));
    }
}
