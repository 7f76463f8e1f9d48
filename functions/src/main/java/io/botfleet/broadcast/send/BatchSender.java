package io.botfleet.broadcast.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.broadcast.content.TelegramSendRequest;
import io.botfleet.telegram.TelegramApiException;
import io.botfleet.telegram.TelegramBotApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the batches of one bot, in order, at the bot's pace. Recipients go out in waves: before a wave starts, a
 * ledger checkpoint records it as in flight (together with every outcome so far), so a crash leaves at most the
 * current waves in doubt and the ledger costs one write per wave. Requests run on virtual threads so that
 * hundreds can be in flight; the next batch starts while the previous one's last requests are still answering.
 */
public final class BatchSender {
    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

    private final TelegramBotApi telegram;
    private final DeliveryLedger ledger;
    private final SendSettings settings;

    public BatchSender(TelegramBotApi telegram, DeliveryLedger ledger, SendSettings settings) {
        this.telegram = telegram;
        this.ledger = ledger;
        this.settings = settings;
    }

    /**
     * @param remainingMillis time left in this invocation; no new wave starts within the safety margin of the end
     */
    public List<BatchResult> send(BotSendProfile bot, TelegramRateLimiter limiter, List<SendBatch> batches,
                                  Function<String, CampaignDispatch> campaigns, LongSupplier remainingMillis) {
        List<Run> runs = new ArrayList<>();
        Semaphore inFlight = new Semaphore(settings.maxInFlight());
        java.util.concurrent.atomic.AtomicBoolean connected = new java.util.concurrent.atomic.AtomicBoolean();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SendBatch batch : batches) {
                runs.add(start(bot, limiter, batch, campaigns.apply(batch.campaignId()), inFlight, requests, remainingMillis, connected));
            }
            List<BatchResult> results = new ArrayList<>();
            for (Run run : runs) {
                results.add(run.finish());
            }
            return results;
        }
    }

    private Run start(BotSendProfile bot, TelegramRateLimiter limiter, SendBatch batch, CampaignDispatch campaign,
                      Semaphore inFlight, ExecutorService requests, LongSupplier remainingMillis,
                      java.util.concurrent.atomic.AtomicBoolean connected) {
        LedgerChunk chunk = ledger.load(batch).orElseGet(() -> LedgerChunk.fresh(batch));
        Map<DeliveryOutcome, Integer> before = chunk.counts();
        boolean wasComplete = chunk.complete();
        int inDoubt = chunk.beginAttempt(campaign.policy());
        Run run = new Run(chunk, before, inDoubt, wasComplete);
        double rate = campaign.paid() && bot.paidRatePerSecond() > 0 ? bot.paidRatePerSecond() : bot.ratePerSecond();
        List<Integer> pending = chunk.pending();
        int waveSize = settings.waveSize(rate);
        for (int from = 0; from < pending.size(); from += waveSize) {
            CampaignDispatch.RunState state = campaign.state().get();
            if (state != CampaignDispatch.RunState.RUNNING) {
                run.stoppedBy = state;
                break;
            }
            if (remainingMillis.getAsLong() < settings.safetyMargin().toMillis()) {
                run.outOfTime = true;
                break;
            }
            List<Integer> wave = pending.subList(from, Math.min(pending.size(), from + waveSize));
            chunk.markInFlight(wave);
            ledger.save(chunk);
            for (int index : wave) {
                inFlight.acquireUninterruptibly();
                limiter.acquire();
                Future<?> task = requests.submit(() -> {
                    try {
                        deliver(bot, limiter, campaign, chunk, index, run.blocked);
                    } finally {
                        inFlight.release();
                    }
                });
                run.tasks.add(task);
                if (!connected.get()) {
                    // the first request opens the connection; requests queued behind it would reach Telegram
                    // together and count as a burst, so the rest start only after it answered
                    awaitQuietly(task);
                    connected.set(true);
                }
            }
        }
        if (run.stoppedBy == CampaignDispatch.RunState.CANCELLED) {
            for (int index : chunk.pending()) {
                chunk.record(index, DeliveryOutcome.CANCELLED, 0, null);
            }
        }
        return run;
    }

    private void deliver(BotSendProfile bot, TelegramRateLimiter limiter, CampaignDispatch campaign, LedgerChunk chunk,
                         int index, ConcurrentLinkedQueue<Long> blocked) {
        long chatId = chunk.batch().recipients().get(index);
        TelegramSendRequest request = campaign.messageFor().apply(chatId);
        int transientFailures = 0;
        while (true) {
            try {
                JsonNode message = telegram.call(bot.token(), request.method(), request.parameters());
                chunk.record(index, DeliveryOutcome.SENT, message.path("message_id").asLong(), null);
                return;
            } catch (TelegramApiException e) {
                if (e.rateLimited()) {
                    // the whole bot waits: every later send of this bot is behind the pause
                    limiter.pauseFor(Duration.ofSeconds(Math.max(1, e.retryAfterSeconds().orElse(1))));
                    limiter.acquire();
                } else if (e.blockedByUser()) {
                    chunk.record(index, DeliveryOutcome.BLOCKED, 0, "403");
                    blocked.add(chatId);
                    return;
                } else if (e.transient_()) {
                    if (++transientFailures >= settings.transientAttempts()) {
                        chunk.record(index, DeliveryOutcome.TRANSIENT, 0, e.errorCode() == 0 ? "NETWORK" : String.valueOf(e.errorCode()));
                        return;
                    }
                    sleep(backoff(transientFailures));
                    limiter.acquire();
                } else {
                    chunk.record(index, permanentOutcome(e), 0, reason(e));
                    return;
                }
            }
        }
    }

    static DeliveryOutcome permanentOutcome(TelegramApiException e) {
        String d = e.description().toLowerCase(Locale.ROOT);
        return e.errorCode() == 400 && (d.contains("chat not found") || d.contains("deactivated") || d.contains("peer_id_invalid"))
                ? DeliveryOutcome.NOT_FOUND : DeliveryOutcome.FAILED;
    }

    /** A short, stable reason: Telegram's description without anything user-specific, bounded. */
    static String reason(TelegramApiException e) {
        String d = e.description();
        return (e.errorCode() + " " + (d.length() > 80 ? d.substring(0, 80) : d)).trim();
    }

    private Duration backoff(int failures) {
        long cap = settings.backoffBase().toMillis() << Math.min(failures - 1, 6);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    private static void awaitQuietly(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported when the batch finishes
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One batch being sent. */
    private final class Run {
        final LedgerChunk chunk;
        final Map<DeliveryOutcome, Integer> before;
        final int inDoubt;
        final boolean wasComplete;
        final List<Future<?>> tasks = new ArrayList<>();
        final ConcurrentLinkedQueue<Long> blocked = new ConcurrentLinkedQueue<>();
        CampaignDispatch.RunState stoppedBy;
        boolean outOfTime;

        Run(LedgerChunk chunk, Map<DeliveryOutcome, Integer> before, int inDoubt, boolean wasComplete) {
            this.chunk = chunk;
            this.before = before;
            this.inDoubt = inDoubt;
            this.wasComplete = wasComplete;
        }

        BatchResult finish() {
            for (Future<?> task : tasks) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    log.error("send task failed unexpectedly for campaign {} batch {}", chunk.batch().campaignId(),
                            chunk.batch().batchNo(), e.getCause());
                }
            }
            ledger.save(chunk);
            Map<DeliveryOutcome, Integer> after = chunk.counts();
            Map<DeliveryOutcome, Integer> added = new EnumMap<>(DeliveryOutcome.class);
            after.forEach((outcome, n) -> {
                int delta = n - before.getOrDefault(outcome, 0);
                if (delta > 0 && outcome.terminal()) {
                    added.put(outcome, delta);
                }
            });
            BatchResult.Status status = chunk.complete() ? BatchResult.Status.COMPLETED
                    : stoppedBy == CampaignDispatch.RunState.PAUSED ? BatchResult.Status.PAUSED
                    : BatchResult.Status.RETRY;
            if (stoppedBy == CampaignDispatch.RunState.CANCELLED) {
                status = BatchResult.Status.CANCELLED;
            }
            boolean finished = status == BatchResult.Status.COMPLETED || status == BatchResult.Status.CANCELLED;
            return new BatchResult(chunk.batch(), status, added, List.copyOf(blocked), inDoubt, finished && !wasComplete);
        }
    }
}
