package io.botfleet.broadcast.send;

import static io.botfleet.broadcast.send.Sending.MINUTE;
import static io.botfleet.broadcast.send.Sending.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.CampaignService;
import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.subscribers.SubscriberCounts;
import io.botfleet.telegram.BotToken;
import io.botfleet.telegram.FakeTelegram.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The sender's decisions around the batches of one SQS delivery, on the in-memory ports and a fake Telegram: which
 * messages go back to the queue and when, what happens to campaigns, bots and subscribers after Telegram's answers.
 */
class SenderServiceTest {
    final Sending s = new Sending();
    final InMemoryBroadcast world = s.world;
    final SenderService service = s.service();

    static List<SenderService.Delivery> deliveries(List<SendBatch> batches) {
        return batches.stream().map(b -> new SenderService.Delivery("m-" + b.campaignId() + "-" + b.batchNo(), b)).toList();
    }

    @Test
    void theLastBatchFinishedCompletesItsCampaignAndNothingGoesBack() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 2);
        List<SendBatch> batches = List.of(batch(c, 0, 1, 100), batch(c, 1, 101, 20));

        List<SenderService.Retry> retries = service.send(deliveries(batches), () -> MINUTE);

        assertThat(retries).isEmpty();
        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(world.campaigns.progress(c.id()).count(DeliveryOutcome.SENT)).isEqualTo(120);
    }

    @Test
    void theSenderCountsEachBotsOutcomesAndRetriedBatchesForTheOperator() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 2);
        s.telegram.answer(2, Answer.blocked());
        // the first request of a wave goes alone: a 429 there stops the batch before anyone else is tried
        s.telegram.answer(6, Answer.retryAfter(3600));

        service.send(deliveries(List.of(batch(c, 0, 1, 5))), () -> MINUTE);
        service.send(deliveries(List.of(batch(c, 1, 6, 5))), () -> MINUTE);

        assertThat(s.metrics.total(InMemoryBroadcast.BOT, DeliveryOutcome.SENT)).isEqualTo(4);
        assertThat(s.metrics.total(InMemoryBroadcast.BOT, DeliveryOutcome.BLOCKED)).isEqualTo(1);
        assertThat(s.metrics.retried(InMemoryBroadcast.BOT)).isEqualTo(1);
        assertThat(s.metrics.rateLimited(InMemoryBroadcast.BOT)).isEqualTo(1);
        assertThat(s.metrics.longestRetryAfterSeconds(InMemoryBroadcast.BOT)).isEqualTo(3600);
    }

    @Test
    void aCampaignPausedWhileItsLastBatchFinishesCompletesWhenResumed() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        s.telegram.onCall(call -> {
            if (call.chatId() == 1) {
                world.lifecycle.move(c.id(), CampaignStatus.PAUSED);
            }
        });
        service.send(deliveries(List.of(batch(c, 0, 1, 10))), () -> MINUTE);
        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.PAUSED);

        Campaign resumed = new CampaignService(world.campaigns, world.lifecycle, world.starts, world.queue, world.ledger,
                world.bots, s.telegram.api(), world.clock).resume(c.id());

        assertThat(resumed.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(world.queue.queued()).as("nothing is left to send").isEmpty();
    }

    @Test
    void aBatchDeliveredAgainSendsNothingAndLeavesTheCompletedCampaignAsItWas() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        List<SenderService.Delivery> delivery = deliveries(List.of(batch(c, 0, 1, 10)));
        service.send(delivery, () -> MINUTE);
        Campaign completed = world.current(c);

        assertThat(service.send(delivery, () -> MINUTE)).isEmpty();

        assertThat(s.telegram.calls()).hasSize(10);
        assertThat(world.current(c)).isEqualTo(completed);
        assertThat(world.campaigns.progress(c.id()).batchesDone()).isEqualTo(1);
    }

    @Test
    void subscribersWhoRefusedTheBotLeaveTheAudienceAndAGroupIsKnownByItsSupergroup() {
        Instant joined = Instant.parse("2026-01-01T00:00:00Z");
        for (long chat = 1; chat <= 3; chat++) {
            world.subscriber(chat, joined.plusSeconds(chat), "en", Set.of(), null);
        }
        s.telegram.answer(1, Answer.blocked());
        s.telegram.answer(2, Answer.error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                Map.of("migrate_to_chat_id", -100_777L)));
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);

        service.send(deliveries(List.of(batch(c, 0, 1, 3))), () -> MINUTE);

        Subscriber blocked = world.subscribers.get(InMemoryBroadcast.BOT, "1").orElseThrow();
        assertThat(blocked.status()).isEqualTo(Subscriber.BLOCKED);
        assertThat(blocked.blockedAt()).contains(world.clock.instant());
        assertThat(world.subscribers.get(InMemoryBroadcast.BOT, "2")).isEmpty();
        assertThat(world.subscribers.get(InMemoryBroadcast.BOT, "-100777").orElseThrow().chatType()).isEqualTo("supergroup");
        assertThat(world.subscribers.counts(InMemoryBroadcast.BOT)).isEqualTo(new SubscriberCounts(2, 1, 0, 3));
        assertThat(world.audience.page(InMemoryBroadcast.BOT, c.audience(), null, 10).chatIds()).containsExactly(-100_777L, 3L);
    }

    @Test
    void a401FlagsTheBotsTokenAndPausesEveryRunningCampaignOfTheBotWithTheReason() {
        Campaign sending = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        Campaign alsoRunning = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        Campaign draft = world.campaign(CampaignStatus.DRAFT);
        Campaign paused = world.campaign(CampaignStatus.PAUSED);
        s.telegram.answer(1, Answer.error(401, "Unauthorized"));

        List<SenderService.Retry> retries = service.send(deliveries(List.of(batch(sending, 0, 1, 10))), () -> MINUTE);

        assertThat(retries).as("the batch waits for a resume, not for the queue").isEmpty();
        assertThat(world.botFlags.revoked()).containsExactly(
                new InMemoryBotFlags.TokenRevoked(InMemoryBroadcast.BOT, BotToken.mask(s.bot.token())));
        for (Campaign c : List.of(sending, alsoRunning)) {
            assertThat(world.current(c).status()).isEqualTo(CampaignStatus.PAUSED);
            assertThat(world.current(c).statusReason()).isEqualTo(BatchResult.Stop.TokenRevoked.REASON);
        }
        assertThat(world.current(draft)).isEqualTo(draft);
        assertThat(world.current(paused)).isEqualTo(paused);
    }

    @Test
    void aMessageTelegramRejectsPausesItsOwnCampaignWithTelegramsWords() {
        Campaign rejected = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        Campaign other = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        s.telegram.answer(1, Answer.error(400, "Bad Request: failed to get HTTP URL content"));

        service.send(deliveries(List.of(batch(rejected, 0, 1, 5))), () -> MINUTE);

        assertThat(world.current(rejected).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(world.current(rejected).statusReason()).isEqualTo("Bad Request: failed to get HTTP URL content");
        assertThat(world.current(other).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(world.botFlags.revoked()).isEmpty();
    }

    @Test
    void a429BeyondTheInvocationSendsEveryBatchOfTheBotBackUntilRetryAfterHasPassed() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 2);
        s.telegram.answer(1, Answer.retryAfter(30));
        List<SenderService.Delivery> deliveries = deliveries(List.of(batch(c, 0, 1, 10), batch(c, 1, 11, 10)));

        List<SenderService.Retry> retries = service.send(deliveries, () -> 25_000);

        assertThat(retries).containsExactly(
                new SenderService.Retry(deliveries.get(0).messageId(), Optional.of(Duration.ofSeconds(30)), "Telegram asked to wait 30 s (429), longer than the invocation had left"),
                new SenderService.Retry(deliveries.get(1).messageId(), Optional.of(Duration.ofSeconds(30)), "Telegram asked to wait 30 s (429), longer than the invocation had left"));
        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void batchesTheInvocationHadNoTimeForGoBackToBeSentAtOnce() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        List<SenderService.Delivery> deliveries = deliveries(List.of(batch(c, 0, 1, 10)));

        List<SenderService.Retry> retries = service.send(deliveries, () -> 1_000);

        assertThat(retries).containsExactly(new SenderService.Retry(deliveries.getFirst().messageId(), Optional.of(Duration.ZERO),
                "the invocation's time ran out before every recipient was sent"));
        assertThat(s.telegram.calls()).isEmpty();
    }

    @Test
    void aBatchLeftWithTransientFailuresGoesBackWithEveryLaterBatchOfItsBotButNotTheOnesBefore() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 3);
        IntStream.range(0, Sending.SETTINGS.transientAttempts()).forEach(i -> s.telegram.answer(15, Answer.badGateway()));
        List<SenderService.Delivery> deliveries = deliveries(List.of(batch(c, 0, 1, 10), batch(c, 1, 11, 10),
                batch(c, 2, 21, 10)));

        List<SenderService.Retry> retries = service.send(deliveries, () -> MINUTE);

        assertThat(retries).as("FIFO: nothing of the bot overtakes the failed batch").containsExactly(
                new SenderService.Retry(deliveries.get(1).messageId(), Optional.empty(),
                        "Telegram or the network failed transiently (5xx, timeout) for some recipients"),
                new SenderService.Retry(deliveries.get(2).messageId(), Optional.empty(),
                        "an earlier batch of the bot in the same delivery was retried; FIFO order keeps this one behind it"));
        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void theBatchesOfAnUnknownBotGoBackAndTheOtherBotsAreSent() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        SendBatch stranger = new SendBatch(c.id(), "31337", 7, List.of(500L));
        List<SenderService.Delivery> deliveries = deliveries(List.of(stranger, batch(c, 0, 1, 10)));

        List<SenderService.Retry> retries = service.send(deliveries, () -> MINUTE);

        assertThat(retries).containsExactly(new SenderService.Retry(deliveries.getFirst().messageId(), Optional.empty(),
                "bot 31337 is not registered or is disabled"));
        assertThat(s.telegram.chatsCalled()).hasSize(10).doesNotContain(500L);
        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void theBatchOfACampaignPausedBeforeItArrivedSendsNothingAndIsDoneWith() {
        Campaign c = world.campaign(CampaignStatus.PAUSED);
        SendBatch batch = batch(c, 0, 1, 10);

        assertThat(service.send(deliveries(List.of(batch)), () -> MINUTE)).isEmpty();

        assertThat(s.telegram.calls()).isEmpty();
        assertThat(s.chunk(batch).pending()).hasSize(10);
    }

    @Test
    void aPauseDuringSendingTakesEffectAtTheNextWaveOnceTheCampaignsStateIsReadAgain() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);
        SendBatch batch = batch(c, 0, 1, 100);
        s.telegram.onCall(call -> {
            if (call.chatId() == 1) {
                world.lifecycle.move(c.id(), CampaignStatus.PAUSED);
                world.clock.advance(Duration.ofSeconds(2));
            }
        });

        assertThat(service.send(deliveries(List.of(batch)), () -> MINUTE)).isEmpty();

        int wave = Sending.SETTINGS.waveSize(s.bot.ratePerSecond());
        assertThat(s.telegram.calls()).hasSize(wave);
        assertThat(s.chunk(batch).pending()).hasSize(100 - wave);
        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(world.campaigns.progress(c.id()).count(DeliveryOutcome.SENT)).isEqualTo(wave);
    }
}
