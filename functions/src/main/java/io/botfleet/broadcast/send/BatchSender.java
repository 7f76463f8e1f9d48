package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
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
import java.util.concurrent.CountDownLatch;
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
 * open waves in doubt and the ledger costs one write per wave. The checkpoint of the next wave is written while the
 * current one is being paced, and requests run on virtual threads, so neither the ledger nor Telegram's latency
 * slows the pace; a batch's tail is still answering while the next batch starts.
 */
public final class BatchSender {
    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);
    /**
     * How many waves are recorded as in flight before their turn: one, as a wave is a second or more of sending and
     * its checkpoint a single write.
     */
    public static final int CHECKPOINTS_AHEAD = 1;
    /**
     * How many batches may be open at once (marked in flight, final outcomes not yet written): the wave ahead, the
     * current one, and one still being answered or saved. It is the in-doubt bound after a crash (× the batch size:
     * 300 recipients at the free rate, 3,000 paid), and it holds back the pace when the ledger writes slower than the
     * sends.
     */
    public static final int OPEN_BATCHES = CHECKPOINTS_AHEAD + 2;

    private final MessageTransport telegram;
    private final DeliveryLedger ledger;
    private final SendSettings settings;

    public BatchSender(TelegramBotApi telegram, DeliveryLedger ledger, SendSettings settings) {
        this(MessageTransport.direct(telegram), ledger, settings);
    }

    /** @param telegram how requests reach Telegram (with media library uploads, see MessageTransport) */
    public BatchSender(MessageTransport telegram, DeliveryLedger ledger, SendSettings settings) {
        this.telegram = telegram;
        this.ledger = ledger;
        this.settings = settings;
    }

    /**
     * @param remainingMillis time left in this invocation; no new wave starts within the safety margin of the end
     */
    public List<BatchResult> send(BotSendProfile bot, TelegramRateLimiter limiter, List<SendBatch> batches,
                                  Function<String, CampaignDispatch> campaigns, LongSupplier remainingMillis) {
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService checkpoints = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory())) {
            Stops stops = new Stops(remainingMillis);
            List<Run> runs = load(batches, campaigns, stops);
            List<Wave> waves = new ArrayList<>();
            for (Run run : runs) {
                double rate = run.campaign.paid() && bot.paidRatePerSecond() > 0 ? bot.paidRatePerSecond() : bot.ratePerSecond();
                List<Integer> pending = run.chunk.pending();
                int size = settings.waveSize(rate);
                for (int from = 0; from < pending.size(); from += size) {
                    waves.add(new Wave(run, List.copyOf(pending.subList(from, Math.min(pending.size(), from + size)))));
                }
            }
            Semaphore inFlight = new Semaphore(settings.maxInFlight());
            // checkpoints run ahead of the sends by CHECKPOINTS_AHEAD waves, so a slow write does not stall the pace
            java.util.ArrayDeque<Future<?>> opened = new java.util.ArrayDeque<>();
            Semaphore openBatches = new Semaphore(OPEN_BATCHES);
            for (int i = 0; i < Math.min(CHECKPOINTS_AHEAD, waves.size()); i++) {
                Wave w = waves.get(i);
                w.run.holdOpen(openBatches);
                opened.add(checkpoints.submit(() -> open(w)));
            }
            boolean connected = false;
            for (int i = 0; i < waves.size(); i++) {
                Wave wave = waves.get(i);
                awaitQuietly(opened.poll());
                if (i + CHECKPOINTS_AHEAD < waves.size()) {
                    Wave ahead = waves.get(i + CHECKPOINTS_AHEAD);
                    ahead.run.holdOpen(openBatches);
                    opened.add(checkpoints.submit(() -> open(ahead)));
                }
                if (mayStart(wave.run, runs, remainingMillis)) {
                    connected = launch(wave, bot, limiter, inFlight, requests, connected, checkpoints);
                } else {
                    wave.run.chunk.clearInFlight(wave.indices);
                }
                if (i + 1 == waves.size() || waves.get(i + 1).run != wave.run) {
                    wave.run.allLaunched(checkpoints);
                }
            }
            runs.forEach(run -> run.allLaunched(checkpoints));
            opened.forEach(BatchSender::awaitQuietly);
            runs.forEach(Run::settle);
            // what the prompt saves did not cover: batches without a wave, cancelled remainders
            List<Run> unsaved = runs.stream().filter(Run::needsFinalSave).toList();
            // nothing to count (no outcome since the last count): one batched write for all of them
            List<LedgerChunk> open = unsaved.stream().filter(run -> !run.needsCount()).map(run -> run.chunk).toList();
            if (!open.isEmpty()) {
                ledger.saveAll(open);
            }
            unsaved.stream().filter(Run::needsCount).forEach(Run::persist);
            return runs.stream().map(Run::result).toList();
        }
    }

    /** Reads every batch's ledger in one request: a redelivered batch resumes where it stopped. */
    private List<Run> load(List<SendBatch> batches, Function<String, CampaignDispatch> campaigns, Stops stops) {
        Map<SendBatch, LedgerChunk> existing = ledger.loadAll(batches);
        List<Run> runs = new ArrayList<>();
        for (SendBatch batch : batches) {
            runs.add(new Run(existing.getOrDefault(batch, LedgerChunk.fresh(batch)), campaigns.apply(batch.campaignId()), stops));
        }
        return runs;
    }

    /** The wave's recipients are recorded as in flight before any of them is sent. */
    private void open(Wave wave) {
        wave.run.chunk.markInFlight(wave.indices);
        ledger.save(wave.run.chunk);
    }

    private boolean mayStart(Run run, List<Run> runs, LongSupplier remainingMillis) {
        if (run.stoppedBy != null || run.outOfTime || run.budgetReached || run.stops.stopped(run)) {
            return false;
        }
        if (!run.budgetChecked) {
            // before a batch's first wave: the budget weighs, at worst, every recipient this invocation has sent the
            // campaign or still has in flight, so at most the batch under way can take the spend past the cap
            run.budgetChecked = true;
            long since = runs.stream().filter(r -> r != run && r.campaign.campaignId().equals(run.campaign.campaignId()))
                    .mapToLong(Run::deliveredSinceLoad).sum();
            if (!run.campaign.mayStartBatch().test(since)) {
                run.budgetReached = true;
                return false;
            }
        }
        CampaignDispatch.RunState state = run.campaign.state().get();
        if (state != CampaignDispatch.RunState.RUNNING) {
            run.stoppedBy = state;
            return false;
        }
        if (remainingMillis.getAsLong() < settings.safetyMargin().toMillis()) {
            run.outOfTime = true;
            return false;
        }
        return true;
    }

    /**
     * How long before a wave's last send slot the next wave's requests start: long enough to cover what happens between
     * two waves (the next checkpoint handed over, the campaign's state read), which at 1,000/s left a dip of about
     * 0.1 s per wave while the next wave waited for the last slot of this one; short enough that a pause or a cancel
     * found by the end of a wave still stops the next (at the free 30/s the next wave starts six slots early).
     */
    static final Duration NEXT_WAVE_AHEAD = Duration.ofMillis(200);

    /**
     * Starts the wave's requests; each waits for its send slot on its own thread. Returns when all but the last
     * {@link #NEXT_WAVE_AHEAD} of them have their slots, so the next wave's requests queue behind them without a gap.
     *
     * @return whether a connection to Telegram is open after this wave
     */
    private boolean launch(Wave wave, BotSendProfile bot, TelegramRateLimiter limiter, Semaphore inFlight,
                           ExecutorService requests, boolean connected, ExecutorService checkpoints) {
        int ahead = (int) Math.min(wave.indices.size() - 1,
                Math.round(limiter.ratePerSecond() * NEXT_WAVE_AHEAD.toNanos() / 1e9));
        CountDownLatch paced = new CountDownLatch(wave.indices.size() - ahead);
        for (int index : wave.indices) {
            inFlight.acquireUninterruptibly();
            wave.run.outstanding.incrementAndGet();
            Future<?> task = requests.submit(() -> {
                boolean pacedNow = false;
                try {
                    // pacing right before the request, on its own thread, keeps departures evenly spaced; a stop
                    // found before or while waiting (a revoked token, say) leaves the recipient unsent and pending
                    Run run = wave.run;
                    if (!run.stops.stopped(run) && limiter.acquire(() -> run.stops.stopped(run))) {
                        paced.countDown();
                        pacedNow = true;
                        deliver(bot, limiter, run, index);
                    } else {
                        run.chunk.release(index);
                    }
                } finally {
                    if (!pacedNow) {
                        paced.countDown();
                    }
                    inFlight.release();
                    wave.run.requestDone(checkpoints);
                }
            });
            wave.run.tasks.add(task);
            if (!connected) {
                // the first request opens the connection; requests queued behind it would reach Telegram together
                // and count as a burst, so the rest start only after it answered
                awaitQuietly(task);
                limiter.lastSendAnswered();
                connected = true;
            }
        }
        awaitQuietly(paced);
        return connected;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(BotSendProfile bot, TelegramRateLimiter limiter, Run run, int index) {
        LedgerChunk chunk = run.chunk;
        long chatId = chunk.batch().recipients().get(index);
        // the chat the message goes to: the recipient's, or the supergroup its group became
        long target = chatId;
        String migrated = null;
        int transientFailures = 0;
        while (true) {
            if (run.stops.stopped(run)) {
                // another request found that nothing more goes out now; this recipient was not sent (again)
                chunk.release(index);
                return;
            }
            TelegramSendRequest request = run.campaign.messageFor().apply(target);
            try {
                long messageId = telegram.send(bot, request);
                chunk.record(index, DeliveryOutcome.SENT, messageId, migrated);
                return;
            } catch (TelegramApiException e) {
                if (e.unauthorized()) {
                    // the token is dead for every recipient: stop the bot at once, leave everyone unsent pending
                    run.stops.tokenRevoked = true;
                    chunk.release(index);
                    return;
                } else if (e.rateLimited()) {
                    // the whole bot waits: every later send of this bot is behind the pause
                    Duration wait = Duration.ofSeconds(Math.max(1, e.retryAfterSeconds().orElse(1)));
                    run.rateLimited(wait);
                    limiter.pauseFor(wait);
                    if (wait.toMillis() > run.stops.remainingMillis.getAsLong() - settings.safetyMargin().toMillis()) {
                        // waiting it out would outlast the invocation: the bot's batches go back to the queue, to
                        // be delivered again when Telegram takes sends again; nothing was sent to this recipient
                        run.stops.handBack(wait);
                        chunk.release(index);
                        return;
                    }
                    if (!limiter.acquire(() -> run.stops.stopped(run))) {
                        chunk.release(index);
                        return;
                    }
                } else if (e.migrateToChatId().isPresent() && migrated == null) {
                    // nothing was sent to the old id: the same message goes to the supergroup, once
                    target = e.migrateToChatId().getAsLong();
                    migrated = reason(e) + "; sent to " + target;
                    run.migrations.add(new BatchResult.Migration(chatId, target));
                    if (!limiter.acquire(() -> run.stops.stopped(run))) {
                        chunk.release(index);
                        return;
                    }
                } else if (contentRejected(e)) {
                    // the message, not the chat: nobody else is tried, and this recipient waits for a resume too
                    run.stops.contentRejected.putIfAbsent(run.campaign.campaignId(), bounded(e.description()));
                    chunk.release(index);
                    return;
                } else if (e.forbidden()) {
                    DeliveryOutcome refusal = refusal(e);
                    chunk.record(index, refusal, 0, reason(e));
                    run.refusals.add(new BatchResult.Refusal(target, refusal));
                    return;
                } else if (e.inDoubt() && run.campaign.policy() == DeliveryPolicy.AT_MOST_ONCE) {
                    // no answer to a request Telegram may have carried out (a read timeout): sending it again could
                    // message the user twice, which at-most-once rules out; at-least-once retries it below
                    chunk.record(index, DeliveryOutcome.UNKNOWN, 0, reason(e));
                    return;
                } else if (e.transient_()) {
                    if (++transientFailures >= settings.transientAttempts()) {
                        chunk.record(index, DeliveryOutcome.TRANSIENT, 0, reason(e));
                        return;
                    }
                    sleep(backoff(transientFailures));
                    if (!limiter.acquire(() -> run.stops.stopped(run))) {
                        chunk.release(index);
                        return;
                    }
                } else {
                    chunk.record(index, permanentOutcome(e), 0, reason(e));
                    return;
                }
            }
        }
    }

    /** Telegram's 400s about the message rather than the chat: every recipient of the campaign would get them. */
    private static final List<String> CONTENT_ERRORS = List.of(
            "failed to get http url content", "wrong type of the web page content", "wrong http url specified",
            "wrong file identifier/http url specified", "wrong remote file identifier", "image_process_failed",
            "webpage_curl_failed", "webpage_media_empty", "photo_invalid_dimensions", "failed to send message #",
            "can't parse entities", "message is too long", "message caption is too long", "message text is empty",
            "button_url_invalid", "button_data_invalid");

    static boolean contentRejected(TelegramApiException e) {
        String d = e.description().toLowerCase(Locale.ROOT);
        return e.errorCode() == 400 && CONTENT_ERRORS.stream().anyMatch(d::contains);
    }

    /**
     * Which refusal a 403 is, by Telegram's description. An unknown 403 text counts as blocked: like a block, it
     * says this chat does not take the bot's messages now, and a block is the state a returning user undoes.
     */
    static DeliveryOutcome refusal(TelegramApiException e) {
        String d = e.description().toLowerCase(Locale.ROOT);
        if (d.contains("user is deactivated")) {
            return DeliveryOutcome.DEACTIVATED;
        }
        if (d.contains("can't initiate conversation")) {
            return DeliveryOutcome.NOT_STARTED;
        }
        if (d.contains("kicked from the")) {
            return DeliveryOutcome.KICKED;
        }
        return DeliveryOutcome.BLOCKED;
    }

    static DeliveryOutcome permanentOutcome(TelegramApiException e) {
        String d = e.description().toLowerCase(Locale.ROOT);
        return e.errorCode() == 400 && (d.contains("chat not found") || d.contains("deactivated") || d.contains("peer_id_invalid"))
                ? DeliveryOutcome.NOT_FOUND : DeliveryOutcome.FAILED;
    }

    /** A short, stable reason: Telegram's code and description (nothing user-specific in it), bounded. */
    static String reason(TelegramApiException e) {
        String d = bounded(e.description());
        return e.errorCode() == 0 ? d : (e.errorCode() + " " + d).trim();
    }

    static String bounded(String description) {
        return description.length() > 80 ? description.substring(0, 80) : description;
    }

    private Duration backoff(int failures) {
        long cap = settings.backoffBase().toMillis() << Math.min(failures - 1, 6);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(Future<?> task) {
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // a failed send is recorded by its task; a failed checkpoint surfaces in the final save
            log.warn("a send or checkpoint failed", e.getCause());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Some recipients of one batch that go out together after one checkpoint. */
    private record Wave(Run run, List<Integer> indices) {}

    /**
     * What Telegram's answers stopped in this call. Checked before every wave and every request, so one answer
     * stops the rest at once instead of each recipient finding out (and being recorded) one by one.
     */
    private static final class Stops {
        final LongSupplier remainingMillis;
        /** 401 on any request: the bot's token is revoked; every batch of the bot stops. */
        volatile boolean tokenRevoked;
        /** The longest {@code retry_after} that did not fit into the invocation; every batch of the bot goes back. */
        private volatile Duration handBack;
        /** Campaigns whose message Telegram rejected (campaign id → Telegram's reason); their batches stop. */
        final Map<String, String> contentRejected = new java.util.concurrent.ConcurrentHashMap<>();

        Stops(LongSupplier remainingMillis) {
            this.remainingMillis = remainingMillis;
        }

        synchronized void handBack(Duration retryAfter) {
            if (handBack == null || retryAfter.compareTo(handBack) > 0) {
                handBack = retryAfter;
            }
        }

        boolean stopped(Run run) {
            return tokenRevoked || handBack != null || contentRejected.containsKey(run.campaign.campaignId());
        }

        java.util.Optional<BatchResult.Stop> of(Run run) {
            if (tokenRevoked) {
                return java.util.Optional.of(new BatchResult.Stop.TokenRevoked());
            }
            String rejected = contentRejected.get(run.campaign.campaignId());
            if (rejected != null) {
                return java.util.Optional.of(new BatchResult.Stop.ContentRejected(rejected));
            }
            if (run.budgetReached) {
                return java.util.Optional.of(new BatchResult.Stop.BudgetReached());
            }
            if (handBack != null) {
                return java.util.Optional.of(new BatchResult.Stop.HandBack(handBack));
            }
            if (run.outOfTime) {
                return java.util.Optional.of(new BatchResult.Stop.OutOfTime());
            }
            return java.util.Optional.empty();
        }
    }

    /** One batch being sent. */
    private final class Run {
        final LedgerChunk chunk;
        final CampaignDispatch campaign;
        final Map<DeliveryOutcome, Integer> before;
        final int inDoubt;
        final List<Future<?>> tasks = new ArrayList<>();
        final ConcurrentLinkedQueue<BatchResult.Refusal> refusals = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<BatchResult.Migration> migrations = new ConcurrentLinkedQueue<>();
        final java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean saveQueued = new java.util.concurrent.atomic.AtomicBoolean();
        private Semaphore openPermit;
        volatile boolean launchedAll;
        volatile boolean countedNow;
        volatile Future<?> save;
        volatile CampaignDispatch.RunState stoppedBy;
        volatile boolean outOfTime;
        /** Whether the campaign's budget was weighed before this batch's first wave, and found spent. */
        boolean budgetChecked;
        private BatchResult.RateLimits rateLimits = BatchResult.RateLimits.NONE;
        volatile boolean budgetReached;

        final Stops stops;

        Run(LedgerChunk chunk, CampaignDispatch campaign, Stops stops) {
            this.stops = stops;
            this.chunk = chunk;
            this.campaign = campaign;
            this.before = chunk.counts();
            this.inDoubt = chunk.beginAttempt(campaign.policy());
        }

        synchronized void rateLimited(Duration retryAfter) {
            rateLimits = rateLimits.plus(retryAfter);
        }

        synchronized BatchResult.RateLimits rateLimits() {
            return rateLimits;
        }

        /** Before this batch's first wave is opened: waits while too many batches are open (see OPEN_BATCHES). */
        void holdOpen(Semaphore openBatches) {
            if (openPermit == null) {
                openBatches.acquireUninterruptibly();
                openPermit = openBatches;
            }
        }

        /**
         * Every wave of this batch has started (or was skipped): its outcomes are written as soon as its last answer
         * arrives, not at the end of the delivery, so a crash leaves only open waves in doubt.
         */
        void allLaunched(ExecutorService checkpoints) {
            launchedAll = true;
            if (outstanding.get() == 0) {
                saveSoon(checkpoints);
            }
        }

        void requestDone(ExecutorService checkpoints) {
            if (outstanding.decrementAndGet() == 0 && launchedAll) {
                saveSoon(checkpoints);
            }
        }

        private void saveSoon(ExecutorService checkpoints) {
            if (saveQueued.compareAndSet(false, true)) {
                // through the checkpoint writer: after this batch's own checkpoints, never overtaking them
                save = checkpoints.submit(() -> {
                    try {
                        persist();
                    } finally {
                        if (openPermit != null) {
                            openPermit.release();
                        }
                    }
                });
            }
        }

        /**
         * The batch's last write of this attempt, together with whatever outcomes the campaign's counters do not have
         * yet (exactly once): a batch stopped half way by a pause shows what it delivered, not only a finished one.
         */
        void persist() {
            countedNow |= ledger.saveCounted(chunk);
        }

        /** Recipients this attempt delivered, counting every request still under way as delivered. */
        long deliveredSinceLoad() {
            return chunk.counts().getOrDefault(DeliveryOutcome.SENT, 0) - before.getOrDefault(DeliveryOutcome.SENT, 0)
                    + outstanding.get();
        }

        boolean needsCount() {
            return chunk.complete() || !chunk.uncounted().isEmpty();
        }

        boolean needsFinalSave() {
            return save == null || stoppedBy == CampaignDispatch.RunState.CANCELLED;
        }

        /** Waits for this batch's requests and its save; a cancelled campaign's unsent recipients are recorded. */
        void settle() {
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
            awaitQuietly(save);
            if (stoppedBy == CampaignDispatch.RunState.CANCELLED) {
                for (int index : chunk.pending()) {
                    chunk.record(index, DeliveryOutcome.CANCELLED, 0, null);
                }
            }
        }

        BatchResult result() {
            Map<DeliveryOutcome, Integer> added = new EnumMap<>(DeliveryOutcome.class);
            chunk.counts().forEach((outcome, n) -> {
                int delta = n - before.getOrDefault(outcome, 0);
                if (delta > 0 && outcome.terminal()) {
                    added.put(outcome, delta);
                }
            });
            java.util.Optional<BatchResult.Stop> stop = chunk.complete() ? java.util.Optional.empty() : stops.of(this);
            BatchResult.Status status;
            if (stoppedBy == CampaignDispatch.RunState.CANCELLED) {
                status = BatchResult.Status.CANCELLED;
            } else if (chunk.complete()) {
                status = BatchResult.Status.COMPLETED;
            } else if (stoppedBy == CampaignDispatch.RunState.PAUSED
                    || stop.filter(x -> x instanceof BatchResult.Stop.TokenRevoked || x instanceof BatchResult.Stop.ContentRejected
                            || x instanceof BatchResult.Stop.BudgetReached).isPresent()) {
                status = BatchResult.Status.PAUSED;
            } else {
                status = BatchResult.Status.RETRY;
            }
            return new BatchResult(chunk.batch(), status, added, List.copyOf(refusals), List.copyOf(migrations), inDoubt,
                    countedNow, stop, rateLimits());
        }
    }
}
