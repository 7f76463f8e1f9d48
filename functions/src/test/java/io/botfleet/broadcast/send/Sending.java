package io.botfleet.broadcast.send;

import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.content.TelegramSendRequests;
import io.botfleet.telegram.FakeTelegram;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * What the sender tests share: the broadcast ports in memory, a fake Telegram, pacing on a ticker that moves only
 * when a send waits, and retries without back-off (so nothing sleeps).
 */
final class Sending {
    static final SendSettings SETTINGS = new SendSettings(2.0, 256, 3, Duration.ZERO, Duration.ofSeconds(10));
    /** What an invocation has left in most tests: plenty. */
    static final long MINUTE = 60_000;

    final InMemoryBroadcast world = new InMemoryBroadcast();
    final FakeTelegram telegram = FakeTelegram.start();
    final ManualTicker ticker = new ManualTicker();
    final RecordedDeliveryMetrics metrics = new RecordedDeliveryMetrics();
    final BatchSender sender = new BatchSender(telegram.api(), world.ledger, SETTINGS);
    final BotSendProfile bot = world.bots.forBot(InMemoryBroadcast.BOT).orElseThrow();

    SenderService service() {
        return new SenderService(sender, world.bots, world.campaigns, world.lifecycle, world.subscriberStates,
                world.botFlags, metrics, world.clock, ticker);
    }

    TelegramRateLimiter limiter() {
        return TelegramRateLimiter.forLimit(bot.ratePerSecond(), ticker);
    }

    /** A running campaign, fully planned into {@code batches} batches (so its last finished batch completes it). */
    Campaign running(DeliveryPolicy policy, int batches) {
        Campaign c = world.campaign(CampaignStatus.RUNNING, policy, false);
        world.campaigns.savePlan(c.id(), new CampaignStore.PlanProgress(null, batches, batches * 100L, true));
        return c;
    }

    /** Batch {@code no} of the campaign, to chats {@code first, first + 1, …}. */
    static SendBatch batch(Campaign c, int no, long first, int recipients) {
        return new SendBatch(c.id(), c.botId(), no, LongStream.range(first, first + recipients).boxed().toList());
    }

    private static CampaignDispatch dispatch(Campaign c, Supplier<CampaignDispatch.RunState> state) {
        return new CampaignDispatch(c.id(), chat -> TelegramSendRequests.forChat(c.content(), chat, c.paid(), null),
                c.policy(), c.paid(), state);
    }

    /** Sends the batches of one campaign straight through the batch sender, the campaign running throughout. */
    List<BatchResult> send(Campaign c, List<SendBatch> batches, long remainingMillis) {
        return send(c, batches, () -> CampaignDispatch.RunState.RUNNING, remainingMillis);
    }

    /** As above, the campaign's state as the sender reads it between waves coming from {@code state}. */
    List<BatchResult> send(Campaign c, List<SendBatch> batches, Supplier<CampaignDispatch.RunState> state,
                           long remainingMillis) {
        CampaignDispatch d = dispatch(c, state);
        return sender.send(bot, limiter(), batches, id -> d, () -> remainingMillis);
    }

    LedgerChunk chunk(SendBatch batch) {
        return world.ledger.load(batch).orElseThrow();
    }
}
