package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignLifecycle;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.content.TelegramSendRequests;
import io.botfleet.telegram.BotToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends the batches of one SQS delivery: groups them by bot (in order), runs the bots in parallel, each at its own
 * pace, then updates campaign counters once per batch and completes campaigns whose last batch finished. Pacing
 * state survives between deliveries in this instance, so consecutive batches of a bot continue at the same rhythm.
 */
public final class SenderService {
    private static final Logger log = LoggerFactory.getLogger(SenderService.class);
    private static final Duration STATE_CACHE = Duration.ofSeconds(1);

    /** A batch of the delivery and whether it must be retried (SQS redelivers it). */
    public record Delivery(String messageId, SendBatch batch) {}

    private final BatchSender sender;
    private final DeliveryObserver observer;
    private final BotSendProfiles bots;
    private final CampaignStore campaigns;
    private final CampaignLifecycle lifecycle;
    private final SubscriberStates subscribers;
    private final BotFlags botFlags;
    private final Sponsorships sponsorships;
    private final Clock clock;
    private final TelegramRateLimiter.Ticker ticker;
    private final Map<String, TelegramRateLimiter> limiters = new ConcurrentHashMap<>();

    public SenderService(BatchSender sender, BotSendProfiles bots, CampaignStore campaigns, CampaignLifecycle lifecycle,
                         SubscriberStates subscribers, BotFlags botFlags, DeliveryObserver observer, Clock clock) {
        this(sender, bots, campaigns, lifecycle, subscribers, botFlags, Sponsorships.NONE, observer, clock,
                TelegramRateLimiter.Ticker.SYSTEM);
    }

    /** @param sponsorships what advertisers' orders add to their campaigns: tracked links, budgets */
    public SenderService(BatchSender sender, BotSendProfiles bots, CampaignStore campaigns, CampaignLifecycle lifecycle,
                         SubscriberStates subscribers, BotFlags botFlags, Sponsorships sponsorships,
                         DeliveryObserver observer, Clock clock) {
        this(sender, bots, campaigns, lifecycle, subscribers, botFlags, sponsorships, observer, clock,
                TelegramRateLimiter.Ticker.SYSTEM);
    }

    /** @param ticker the time the bots' sends are paced by */
    SenderService(BatchSender sender, BotSendProfiles bots, CampaignStore campaigns, CampaignLifecycle lifecycle,
                  SubscriberStates subscribers, BotFlags botFlags, DeliveryObserver observer, Clock clock,
                  TelegramRateLimiter.Ticker ticker) {
        this(sender, bots, campaigns, lifecycle, subscribers, botFlags, Sponsorships.NONE, observer, clock, ticker);
    }

    SenderService(BatchSender sender, BotSendProfiles bots, CampaignStore campaigns, CampaignLifecycle lifecycle,
                  SubscriberStates subscribers, BotFlags botFlags, Sponsorships sponsorships, DeliveryObserver observer,
                  Clock clock, TelegramRateLimiter.Ticker ticker) {
        this.sponsorships = sponsorships;
        this.sender = sender;
        this.bots = bots;
        this.observer = observer;
        this.campaigns = campaigns;
        this.lifecycle = lifecycle;
        this.subscribers = subscribers;
        this.botFlags = botFlags;
        this.clock = clock;
        this.ticker = ticker;
    }

    /**
     * An SQS message to deliver again; {@code visibleAfter} says when (empty: after the queue's visibility timeout,
     * the back-off for errors that may persist).
     */
    public record Retry(String messageId, Optional<Duration> visibleAfter, String reason) {}

    /** @return the SQS messages to retry: failed batches and, per bot, every batch after a failed one (FIFO order) */
    public List<Retry> send(List<Delivery> deliveries, LongSupplier remainingMillis) {
        Map<String, List<Delivery>> byBot = new LinkedHashMap<>();
        deliveries.forEach(d -> byBot.computeIfAbsent(d.batch().botId(), k -> new ArrayList<>()).add(d));
        List<Retry> retry = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var perBot = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            byBot.forEach((botId, list) -> perBot.submit(() -> retry.addAll(sendForBot(botId, list, remainingMillis))));
        }
        return retry;
    }

    private List<Retry> sendForBot(String botId, List<Delivery> deliveries, LongSupplier remainingMillis) {
        MDC.put("bot_id", botId);
        try {
            Optional<BotSendProfile> profile = bots.forBot(botId);
            if (profile.isEmpty()) {
                log.warn("bot {} is not registered; its {} batches go back to the queue", botId, deliveries.size());
                return retryAll(deliveries, "bot " + botId + " is not registered or is disabled");
            }
            BotSendProfile bot = profile.get();
            Map<String, CampaignDispatch> dispatches = new HashMap<>();
            List<SendBatch> batches = deliveries.stream().map(Delivery::batch).toList();
            boolean paid = false;
            for (SendBatch b : batches) {
                CampaignDispatch d = dispatches.computeIfAbsent(b.campaignId(), this::dispatch);
                paid |= d.paid();
            }
            double rate = paid && bot.paidRatePerSecond() > 0 ? bot.paidRatePerSecond() : bot.ratePerSecond();
            TelegramRateLimiter limiter = limiters.compute(botId, (k, existing) ->
                    existing != null && Math.abs(existing.ratePerSecond() - rate * TelegramRateLimiter.HEADROOM) < 0.01
                            ? existing : TelegramRateLimiter.forLimit(rate, ticker));
            List<BatchResult> results = sender.send(bot, limiter, batches, dispatches::get, remainingMillis);
            results.forEach(SenderService::logResult);
            record(botId, results);
            stop(bot, results);
            // after the pauses and flags a stop causes, so what is reported shows them
            observer.recorded(botId, results);
            Optional<Duration> when = visibleAfter(results);
            List<Retry> retry = new ArrayList<>();
            boolean failedBefore = false;
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).status() == BatchResult.Status.RETRY) {
                    retry.add(new Retry(deliveries.get(i).messageId(), when, whyRetried(results.get(i))));
                    failedBefore = true;
                } else if (failedBefore) {
                    retry.add(new Retry(deliveries.get(i).messageId(), when,
                            "an earlier batch of the bot in the same delivery was retried; FIFO order keeps this one behind it"));
                }
            }
            return retry;
        } catch (RuntimeException e) {
            log.error("sending for bot {} failed; its batches go back to the queue", botId, e);
            return retryAll(deliveries, "sending failed: " + io.botfleet.deadletters.FailureReason.describe(e));
        } finally {
            MDC.remove("bot_id");
        }
    }

    /** One line per batch and attempt: what an operator follows a campaign by. */
    private static void logResult(BatchResult result) {
        MDC.put("campaign_id", result.batch().campaignId());
        try {
            log.info("batch {} of campaign {}: {}{}, new outcomes {}{}", result.batch().batchNo(), result.batch().campaignId(),
                    result.status(), result.finishedNow() ? " (finished)" : "", result.newOutcomes(),
                    result.stop().map(stop -> ", stopped: " + stop).orElse(""));
        } finally {
            MDC.remove("campaign_id");
        }
    }

    private static List<Retry> retryAll(List<Delivery> deliveries, String reason) {
        return deliveries.stream().map(d -> new Retry(d.messageId(), Optional.empty(), reason)).toList();
    }

    /** What a dead letter says if this was the batch's last allowed delivery. */
    private static String whyRetried(BatchResult result) {
        return switch (result.stop().orElse(null)) {
            case BatchResult.Stop.HandBack h -> "Telegram asked to wait " + h.retryAfter().toSeconds()
                    + " s (429), longer than the invocation had left";
            case BatchResult.Stop.OutOfTime o -> "the invocation's time ran out before every recipient was sent";
            case null -> "Telegram or the network failed transiently (5xx, timeout) for some recipients";
            default -> "stopped: " + result.stop().get();
        };
    }

    /**
     * When the bot's retried batches should come back, all at once (a FIFO group is held while any of its messages
     * is invisible): after Telegram's {@code retry_after} when that outlasted the invocation; at once when only the
     * invocation's time ran out; otherwise after the queue's visibility timeout, as a back-off for errors that may
     * persist (5xx, network).
     */
    private static Optional<Duration> visibleAfter(List<BatchResult> results) {
        Optional<Duration> handBack = results.stream().flatMap(r -> r.stop().stream())
                .filter(BatchResult.Stop.HandBack.class::isInstance).map(s -> ((BatchResult.Stop.HandBack) s).retryAfter())
                .max(Duration::compareTo);
        if (handBack.isPresent()) {
            return handBack;
        }
        List<BatchResult> retried = results.stream().filter(r -> r.status() == BatchResult.Status.RETRY).toList();
        boolean onlyOutOfTime = !retried.isEmpty() && retried.stream().allMatch(r ->
                r.stop().filter(BatchResult.Stop.OutOfTime.class::isInstance).isPresent());
        return onlyOutOfTime ? Optional.of(Duration.ZERO) : Optional.empty();
    }

    /**
     * Moves subscribers whose group became a supergroup, gives subscribers who refused the bot their new state, and
     * completes campaigns whose last batch just finished.
     */
    private void record(String botId, List<BatchResult> results) {
        List<BatchResult.Migration> migrations = results.stream().flatMap(r -> r.migrations().stream()).toList();
        if (!migrations.isEmpty()) {
            // first: a refusal from a supergroup is recorded on the subscriber under its new id
            subscribers.migrated(botId, migrations);
        }
        List<BatchResult.Refusal> refusals = results.stream().flatMap(r -> r.refusals().stream()).toList();
        if (!refusals.isEmpty()) {
            subscribers.refused(botId, refusals);
        }
        // counters moved with each finished batch's ledger write; a campaign may now be complete
        results.stream().filter(BatchResult::finishedNow).map(r -> r.batch().campaignId()).distinct()
                .forEach(campaign -> lifecycle.completeIfDone(campaign, campaigns.progress(campaign)));
    }

    /**
     * Acts on what stopped the sending: a revoked token flags the bot and pauses every running campaign of it; a
     * message Telegram rejects (media it cannot fetch or use) pauses its campaign with Telegram's description, a spent
     * advertiser budget with {@code budget reached} (what the dashboard shows as the status reason). The
     * unsent recipients stay pending in the ledger, so a resume after the cause is fixed continues where it stopped.
     */
    private void stop(BotSendProfile bot, List<BatchResult> results) {
        boolean revoked = results.stream().anyMatch(r -> r.stop().filter(BatchResult.Stop.TokenRevoked.class::isInstance).isPresent());
        if (revoked) {
            botFlags.tokenRevoked(bot.botId(), BotToken.mask(bot.token()));
            pauseRunning(bot.botId(), BatchResult.Stop.TokenRevoked.REASON);
        }
        Map<String, String> pauses = new LinkedHashMap<>();
        for (BatchResult r : results) {
            if (r.stop().orElse(null) instanceof BatchResult.Stop.ContentRejected c) {
                pauses.putIfAbsent(r.batch().campaignId(), c.reason());
            } else if (r.stop().orElse(null) instanceof BatchResult.Stop.BudgetReached) {
                pauses.putIfAbsent(r.batch().campaignId(), BatchResult.Stop.BudgetReached.REASON);
            }
        }
        pauses.forEach((campaignId, reason) -> {
            lifecycle.pause(campaignId, reason);
            log.warn("campaign {} paused: {}", campaignId, reason);
        });
    }

    /** Pauses the bot's running campaigns (a bot has few campaigns, newest first: the running ones come early). */
    private void pauseRunning(String botId, String reason) {
        String after = null;
        do {
            CampaignStore.Page page = campaigns.list(botId, after, 100);
            for (Campaign c : page.campaigns()) {
                if (c.status() == CampaignStatus.RUNNING) {
                    lifecycle.pause(c.id(), reason);
                    log.warn("campaign {} of bot {} paused: {}", c.id(), botId, reason);
                }
            }
            after = page.lastId();
        } while (after != null);
    }

    private CampaignDispatch dispatch(String campaignId) {
        Campaign campaign = campaigns.get(campaignId)
                .orElseThrow(() -> new IllegalStateException("campaign " + campaignId + " does not exist"));
        CachedState state = new CachedState(campaignId, campaign.status());
        Optional<Sponsorships.Sponsorship> sponsored = sponsorships.of(campaign);
        if (sponsored.isEmpty()) {
            return new CampaignDispatch(campaignId,
                    TelegramSendRequests.forEveryChat(campaign.content(), campaign.paid()),
                    campaign.policy(), campaign.paid(), state::get);
        }
        Sponsorships.Sponsorship ad = sponsored.get();
        return new CampaignDispatch(campaignId,
                chatId -> TelegramSendRequests.forChat(ad.contentFor(chatId), chatId, campaign.paid(), null),
                campaign.policy(), campaign.paid(), state::get, ad::mayStartBatch);
    }

    /** The campaign's state, re-read at most once a second: pause and cancel take effect within a wave. */
    private final class CachedState {
        private final String campaignId;
        private CampaignStatus status;
        private Instant readAt;

        CachedState(String campaignId, CampaignStatus status) {
            this.campaignId = campaignId;
            this.status = status;
            this.readAt = clock.instant();
        }

        synchronized CampaignDispatch.RunState get() {
            if (clock.instant().isAfter(readAt.plus(STATE_CACHE))) {
                status = campaigns.get(campaignId).map(Campaign::status).orElse(CampaignStatus.CANCELLED);
                readAt = clock.instant();
            }
            return switch (status) {
                case RUNNING, COMPLETED -> CampaignDispatch.RunState.RUNNING;
                case PAUSED, DRAFT, SCHEDULED -> CampaignDispatch.RunState.PAUSED;
                case CANCELLED, FAILED -> CampaignDispatch.RunState.CANCELLED;
            };
        }
    }
}
