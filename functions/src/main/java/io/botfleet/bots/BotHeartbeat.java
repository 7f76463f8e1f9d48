package io.botfleet.bots;

import io.botfleet.ownership.BotOwnership;
import io.botfleet.ownership.Fence;
import io.botfleet.ownership.Lease;
import io.botfleet.ownership.LeaseStore;
import io.botfleet.shared.paging.Page;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.BotToken;
import io.botfleet.telegram.TelegramApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One beat of the ownership worker (EventBridge rate(1 minute) on AWS, a timer in the local runner), for every
 * registered bot: renew the leases this instance holds; claim leases that expired (fail-over: re-point the webhook
 * here, with the new epoch's secret, so the previous owner's secret stops verifying); then, for owned bots, read
 * getWebhookInfo, record health, and reconcile a webhook changed elsewhere (restore it, or mark the bot detached and
 * alert, as the bot's {@code webhookPolicy} says).
 *
 * <p>Bots are beaten by a fixed pool of {@link Settings#workers()} threads (each bot's calls block) while the listing
 * goes on page by page. A beat has a deadline: no bot is started later than {@link Settings#stopStarting()} before
 * it, and the report is returned {@link Settings#answerMargin()} before it whatever is still running. Bots not
 * started are reported {@code skipped}; the next beat of this instance begins at the page of the first of them and
 * wraps around, so an overloaded fleet is served in turns instead of always leaving out the same tail.
 *
 * <p>Runs of the beat may overlap (a slow run and the next schedule, on two Lambda instances): that is safe because
 * every lease change is one conditional write (claim only while absent or expired, renew only with the same owner and
 * epoch) and every other write is fenced by the lease. Two runs racing for an expired lease: one claims it, the other
 * sees the claim fail and reports the bot {@code standby}.
 */
public final class BotHeartbeat {
    private static final Logger log = LoggerFactory.getLogger(BotHeartbeat.class);

    /** The budget of a beat called without a deadline: the function's timeout in template.yaml. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);
    /** How often the beat looks at its clock while it waits for running bots. */
    private static final long WAIT_SLICE_MILLIS = 250;
    private static final ThreadFactory WORKERS = Thread.ofPlatform().name("heartbeat-", 0).daemon(true).factory();

    /**
     * Where figures go (Powertools EMF metrics on Lambda). Called from the beat's own thread only.
     *
     * <p>Per bot (dimension: the bot): the events an operator acts on — {@code LeaseClaimed}, {@code LeaseLost},
     * {@code WebhookRestored}, {@code WebhookDetached}, {@code TelegramErrors} — and {@code PendingUpdates}, the
     * updates Telegram holds for the bot (getWebhookInfo's {@code pending_update_count}) when there are any. Per beat,
     * once, without a bot dimension: the {@link Report#counts()} ({@code Bots<Outcome>}, e.g. {@code BotsRenewed},
     * {@code BotsSkipped}) and {@code PendingUpdates} (sum over the bots checked) and {@code PendingUpdatesMax}; a
     * bot's own pending count is also in its webhook health item.
     */
    @FunctionalInterface
    public interface Metrics {
        void record(String name, double value, String botId);

        /** The beat's aggregate figures (counts), once per beat. */
        default void beat(Map<String, Double> figures) {
        }

        Metrics NONE = (name, value, botId) -> { };
    }

    /**
     * What a beat needs of the bots besides their leases: the listing, their tokens and webhook at Telegram, and the
     * writes fenced by the lease. On AWS: {@link BotRegistry} and the Bot API ({@link #of}).
     */
    public interface Fleet {
        /** Key-ordered pages; {@code Page.lastKey} starts the next one. */
        Page<Bot> list(Optional<Map<String, String>> startKey, int limit);

        BotToken token(Bot bot);

        /** Where the bot's webhook should point: this deployment. */
        String webhookUrl(String botId);

        /** getWebhookInfo; throws {@link TelegramApiException}. */
        BotAdminApi.WebhookInfo webhookInfo(BotToken token);

        /** Sets the webhook to this deployment with the secret of {@code lease}'s epoch and marks the bot attached. */
        void pointWebhook(String botId, BotToken token, Lease lease);

        /** Throws {@link LeaseStore.FencedOut} when the fence is stale (as the two below). */
        void setWebhookState(String botId, String state, Fence fence);

        void putWebhookHealth(WebhookHealth health, Fence fence);

        static Fleet of(BotRegistry registry, BotAdminApi telegram) {
            return new Fleet() {
                @Override
                public Page<Bot> list(Optional<Map<String, String>> startKey, int limit) {
                    return registry.list(startKey, limit);
                }

                @Override
                public BotToken token(Bot bot) {
                    return registry.token(bot);
                }

                @Override
                public String webhookUrl(String botId) {
                    return registry.webhookUrl(botId);
                }

                @Override
                public BotAdminApi.WebhookInfo webhookInfo(BotToken token) {
                    return telegram.getWebhookInfo(token);
                }

                @Override
                public void pointWebhook(String botId, BotToken token, Lease lease) {
                    registry.pointWebhook(botId, token, lease);
                }

                @Override
                public void setWebhookState(String botId, String state, Fence fence) {
                    registry.store().setWebhookState(botId, state, fence);
                }

                @Override
                public void putWebhookHealth(WebhookHealth health, Fence fence) {
                    registry.store().putWebhookHealth(health, fence);
                }
            };
        }
    }

    /**
     * @param workers       bots beaten at once (each holds a thread through its blocking calls)
     * @param stopStarting  no bot is started when less than this is left before the deadline: the longest a bot's
     *                      beat may take (a few AWS calls and one or two Telegram calls with their timeouts)
     * @param answerMargin  the report is returned this long before the deadline; bots still running are reported
     *                      {@code unfinished} (their writes are fenced and idempotent, so it does not matter where
     *                      they stop)
     * @param pageSize      bots per listing page
     */
    public record Settings(int workers, Duration stopStarting, Duration answerMargin, int pageSize) {
        public static final Settings DEFAULTS = new Settings(16, Duration.ofSeconds(10), Duration.ofSeconds(2), 100);

        public Settings {
            if (workers < 1 || pageSize < 1) {
                throw new IllegalArgumentException("workers and pageSize must be positive");
            }
            if (answerMargin.compareTo(stopStarting) > 0) {
                throw new IllegalArgumentException("answerMargin must not exceed stopStarting");
            }
        }

        public Settings withWorkers(int workers) {
            return new Settings(workers, stopStarting, answerMargin, pageSize);
        }

        public Settings withPageSize(int pageSize) {
            return new Settings(workers, stopStarting, answerMargin, pageSize);
        }
    }

    /**
     * What one beat did: bot ids per outcome, in the order the beat took them, and their counts.
     *
     * <p>Every bot listed ends in exactly one of {@code renewed}, {@code claimed}, {@code lost}, {@code standby},
     * {@code disabled}, {@code skipped} (not started: the time budget ran out; first in line next beat),
     * {@code unfinished} (still running when the report was due), or only in {@code failed} when its lease step
     * itself failed. {@code restored} and {@code detached} are what the webhook check did for an owned bot;
     * {@code failed} lists every bot whose beat hit an error (Telegram or AWS), whatever its lease outcome.
     * {@code standby}: another holder's live lease, or a claim lost to a concurrent claimant (another instance, or an
     * overlapping run of this one).
     *
     * <p>{@code counts}: the size of each list, {@code listed} (bots seen) and {@code completed} (bots whose beat ran
     * to its end without error: listed − skipped − unfinished − failed). {@code webhookStateChanged}: the bots whose
     * {@code webhookState} this beat changed (attached after a claim or a repair, detached), which dashboards are told.
     */
    public record Report(String instanceId, Map<String, Integer> counts, List<String> renewed, List<String> claimed,
                         List<String> lost, List<String> standby, List<String> restored, List<String> detached,
                         List<String> failed, List<String> disabled, List<String> skipped, List<String> unfinished,
                         List<String> webhookStateChanged) {

        public int count(String outcome) {
            return counts.getOrDefault(outcome, 0);
        }
    }

    private enum Step { RENEWED, CLAIMED, LOST, STANDBY, DISABLED, TOKEN_REQUIRED, SKIPPED, UNFINISHED, NONE }

    private record Point(String name, double value) {}

    /** One bot's beat: its lease outcome, webhook action, error and figures. */
    private static final class Outcome {
        final String botId;
        Step step = Step.NONE;
        String action = "none";
        boolean webhookStateChanged;
        boolean failed;
        int pending = -1;
        final List<Point> points = new ArrayList<>(1);

        Outcome(String botId) {
            this.botId = botId;
        }

        static Outcome of(String botId, Step step) {
            Outcome o = new Outcome(botId);
            o.step = step;
            return o;
        }
    }

    private static final int PENDING = 0;
    private static final int STARTED = 1;
    private static final int ABANDONED = 2;

    /** A listed bot: where its page started (to resume there) and its task. */
    private static final class Visit {
        final Bot bot;
        final Optional<Map<String, String>> pageKey;
        final AtomicInteger state = new AtomicInteger(PENDING);
        Future<Outcome> future;

        Visit(Bot bot, Optional<Map<String, String>> pageKey) {
            this.bot = bot;
            this.pageKey = pageKey;
        }
    }

    private final Fleet fleet;
    private final BotOwnership ownership;
    private final Metrics metrics;
    private final Settings settings;
    private final Clock clock;
    /** Where this instance's next beat begins: the page of the first bot the last beat did not reach. */
    private final AtomicReference<Optional<Map<String, String>>> resumeFrom = new AtomicReference<>(Optional.empty());

    public BotHeartbeat(BotRegistry registry, BotOwnership ownership, BotAdminApi telegram, Metrics metrics) {
        this(Fleet.of(registry, telegram), ownership, metrics, Settings.DEFAULTS, Clock.systemUTC());
    }

    public BotHeartbeat(Fleet fleet, BotOwnership ownership, Metrics metrics, Settings settings, Clock clock) {
        this.fleet = fleet;
        this.ownership = ownership;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** A beat with {@link #DEFAULT_BUDGET} from now. */
    public Report beat() {
        return beat(clock.instant().plus(DEFAULT_BUDGET));
    }

    /** A beat that must have answered by {@code deadline} (on Lambda: now plus the invocation's remaining time). */
    public Report beat(Instant deadline) {
        Instant started = clock.instant();
        Instant stopStarting = deadline.minus(settings.stopStarting());
        Instant answerBy = deadline.minus(settings.answerMargin());
        Optional<Map<String, String>> from = resumeFrom.get();
        List<Visit> visits = new ArrayList<>();
        AtomicReference<Optional<Map<String, String>>> notListedFrom = new AtomicReference<>(Optional.empty());
        ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), WORKERS);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            try {
                walk(from, answerBy, notListedFrom, visit -> {
                    visit.future = pool.submit(() -> visit(visit, stopStarting));
                    visits.add(visit);
                });
            } catch (RuntimeException e) {
                // the bots listed so far are still beaten; the rest wait for the next beat
                log.error("heartbeat: listing the bots failed after {}", visits.size(), e);
            }
            for (Visit visit : visits) {
                outcomes.add(await(visit, answerBy));
            }
        } finally {
            pool.shutdownNow();
        }
        Optional<Map<String, String>> next = notListedFrom.get();
        for (int i = 0; i < visits.size(); i++) {
            Step step = outcomes.get(i).step;
            if (step == Step.SKIPPED || step == Step.UNFINISHED) {
                next = visits.get(i).pageKey;
                break;
            }
        }
        resumeFrom.set(next);
        Report report = report(outcomes);
        emit(outcomes, report);
        log.info("heartbeat of {}: {} in {} ms of {} ms to the deadline", report.instanceId(), report.counts(),
                Duration.between(started, clock.instant()).toMillis(), Duration.between(started, deadline).toMillis());
        return report;
    }

    /**
     * Lists the bots from {@code from} to the end, then (when {@code from} is not the start) from the start up to the
     * first bot already seen: each bot once, beginning where the last beat stopped.
     */
    private void walk(Optional<Map<String, String>> from, Instant answerBy,
                      AtomicReference<Optional<Map<String, String>>> notListedFrom, Consumer<Visit> each) {
        Set<String> seen = new HashSet<>();
        if (pass(from, false, seen, answerBy, notListedFrom, each) && from.isPresent()) {
            pass(Optional.empty(), true, seen, answerBy, notListedFrom, each);
        }
    }

    /** False when the listing stopped at the answer margin. */
    private boolean pass(Optional<Map<String, String>> from, boolean wrapped, Set<String> seen, Instant answerBy,
                         AtomicReference<Optional<Map<String, String>>> notListedFrom, Consumer<Visit> each) {
        Optional<Map<String, String>> start = from;
        do {
            if (!clock.instant().isBefore(answerBy)) {
                log.warn("heartbeat: out of time while listing bots; the next beat starts at the bots not listed");
                notListedFrom.set(start);
                return false;
            }
            Page<Bot> page = fleet.list(start, settings.pageSize());
            for (Bot bot : page.items()) {
                if (!seen.add(bot.botId())) {
                    if (wrapped) {
                        return true; // back where this beat began
                    }
                    continue;
                }
                each.accept(new Visit(bot, start));
            }
            start = page.lastKey();
        } while (start.isPresent());
        return true;
    }

    /** Runs on a worker. */
    private Outcome visit(Visit visit, Instant stopStarting) {
        String botId = visit.bot.botId();
        // too late to start: the visit stays PENDING, so the beat waiting on it reports it skipped, never unfinished
        if (!clock.instant().isBefore(stopStarting)) {
            return Outcome.of(botId, Step.SKIPPED);
        }
        if (!visit.state.compareAndSet(PENDING, STARTED)) {
            return Outcome.of(botId, Step.SKIPPED); // given up by the beat before it started
        }
        try {
            return beat(visit.bot);
        } catch (RuntimeException e) {
            log.error("heartbeat of bot {} failed", botId, e);
            Outcome failed = Outcome.of(botId, Step.NONE);
            failed.failed = true;
            return failed;
        }
    }

    /** The visit's outcome, waiting for it no later than {@code answerBy}. */
    private Outcome await(Visit visit, Instant answerBy) {
        String botId = visit.bot.botId();
        while (true) {
            Instant now = clock.instant();
            if (!visit.future.isDone() && !now.isBefore(answerBy)) {
                boolean neverStarted = visit.state.compareAndSet(PENDING, ABANDONED);
                visit.future.cancel(true);
                if (!neverStarted) {
                    log.warn("heartbeat of bot {} still running when the report was due", botId);
                }
                return Outcome.of(botId, neverStarted ? Step.SKIPPED : Step.UNFINISHED);
            }
            long slice = Math.max(1, Math.min(WAIT_SLICE_MILLIS, Duration.between(now, answerBy).toMillis()));
            try {
                return visit.future.get(slice, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look at the clock again
            } catch (ExecutionException e) {
                log.error("heartbeat of bot {} failed", botId, e.getCause());
                Outcome failed = Outcome.of(botId, Step.NONE);
                failed.failed = true;
                return failed;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                visit.state.compareAndSet(PENDING, ABANDONED);
                visit.future.cancel(true);
                return Outcome.of(botId, visit.state.get() == ABANDONED ? Step.SKIPPED : Step.UNFINISHED);
            } catch (CancellationException e) {
                return Outcome.of(botId, Step.SKIPPED);
            }
        }
    }

    private Outcome beat(Bot bot) {
        Outcome out = new Outcome(bot.botId());
        if (bot.status().equals("disabled")) {
            out.step = Step.DISABLED;
            return out;
        }
        if (bot.tokenRequired()) {
            // restored without its token: no webhook can be checked or claimed until an admin enters it again
            out.step = Step.TOKEN_REQUIRED;
            return out;
        }
        String me = ownership.instanceId();
        Instant now = clock.instant();
        Optional<Lease> current = ownership.current(bot.botId());
        Lease lease;
        boolean claimed = false;
        if (current.isPresent() && current.get().ownerId().equals(me) && !current.get().expired(now)) {
            Optional<Lease> renewed = ownership.renew(current.get());
            if (renewed.isEmpty()) {
                out.step = Step.LOST;
                out.points.add(new Point("LeaseLost", 1));
                log.warn("lease of bot {} lost to another instance", bot.botId());
                return out;
            }
            lease = renewed.get();
            out.step = Step.RENEWED;
        } else if (current.isEmpty() || current.get().expired(now)) {
            Optional<Lease> won = ownership.claim(bot.botId());
            if (won.isEmpty()) {
                out.step = Step.STANDBY;
                log.info("bot {}: its expired lease was claimed concurrently by another run", bot.botId());
                return out;
            }
            lease = won.get();
            claimed = true;
            out.step = Step.CLAIMED;
            log.warn("claimed bot {} (epoch {}, previous owner {})", bot.botId(), lease.epoch(),
                    current.map(Lease::ownerId).filter(o -> !o.isEmpty()).orElse("none"));
            out.points.add(new Point("LeaseClaimed", 1));
        } else {
            out.step = Step.STANDBY;
            return out;
        }
        BotToken token = fleet.token(bot);
        String expected = fleet.webhookUrl(bot.botId());
        String action = "none";
        try {
            if (claimed) {
                fleet.pointWebhook(bot.botId(), token, lease);
                action = "claimed";
                out.webhookStateChanged = !bot.webhookState().equals("attached");
            }
            BotAdminApi.WebhookInfo info = fleet.webhookInfo(token);
            boolean mismatch = !info.url().equals(expected);
            if (mismatch && !claimed) {
                if (bot.webhookPolicy().equals("leave")) {
                    if (!bot.webhookState().equals("detached")) {
                        fleet.setWebhookState(bot.botId(), "detached", lease.fence());
                        out.webhookStateChanged = true;
                    }
                    action = "detached";
                    log.warn("ALERT bot {}: webhook changed elsewhere (now '{}'); left alone and marked detached", bot.botId(), info.url());
                    out.points.add(new Point("WebhookDetached", 1));
                } else {
                    fleet.pointWebhook(bot.botId(), token, lease);
                    action = "restored";
                    out.webhookStateChanged = !bot.webhookState().equals("attached");
                    log.warn("bot {}: webhook changed elsewhere (was '{}'); restored", bot.botId(), info.url());
                    out.points.add(new Point("WebhookRestored", 1));
                }
            } else if (!mismatch && !claimed && !bot.webhookState().equals("attached")) { // a claim's pointWebhook marked it
                fleet.setWebhookState(bot.botId(), "attached", lease.fence());
                out.webhookStateChanged = true;
            }
            fleet.putWebhookHealth(new WebhookHealth(bot.botId(), info.url(), expected, mismatch && !action.equals("restored"),
                    info.pendingUpdateCount(), info.lastErrorDate(), info.lastErrorMessage(), info.maxConnections(),
                    lease.ownerId(), lease.epoch(), action, clock.instant()), lease.fence());
            out.action = action;
            out.pending = info.pendingUpdateCount();
            if (out.pending > 0) {
                // only a backlog is a bot's figure: CloudWatch bills a metric for the hours it is sent, and a fleet
                // of idle bots would cost one per bot for saying 0
                out.points.add(new Point("PendingUpdates", out.pending));
            }
        } catch (LeaseStore.FencedOut e) {
            out.step = Step.LOST;
            out.points.add(new Point("LeaseLost", 1));
            log.warn("bot {}: fenced out during heartbeat", bot.botId());
        } catch (TelegramApiException e) {
            out.failed = true;
            log.warn("bot {}: Telegram {} during heartbeat", bot.botId(), e.getMessage());
            out.points.add(new Point("TelegramErrors", 1));
        }
        return out;
    }

    private Report report(List<Outcome> outcomes) {
        Map<Step, List<String>> byStep = new LinkedHashMap<>();
        for (Step step : Step.values()) {
            byStep.put(step, new ArrayList<>());
        }
        List<String> restored = new ArrayList<>();
        List<String> detached = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> webhookStateChanged = new ArrayList<>();
        for (Outcome o : outcomes) {
            byStep.get(o.step).add(o.botId);
            if (o.webhookStateChanged) {
                webhookStateChanged.add(o.botId);
            }
            switch (o.action) {
                case "restored" -> restored.add(o.botId);
                case "detached" -> detached.add(o.botId);
                default -> { }
            }
            if (o.failed) {
                failed.add(o.botId);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("listed", outcomes.size());
        counts.put("completed", outcomes.size() - byStep.get(Step.SKIPPED).size() - byStep.get(Step.UNFINISHED).size() - failed.size());
        counts.put("renewed", byStep.get(Step.RENEWED).size());
        counts.put("claimed", byStep.get(Step.CLAIMED).size());
        counts.put("lost", byStep.get(Step.LOST).size());
        counts.put("standby", byStep.get(Step.STANDBY).size());
        counts.put("restored", restored.size());
        counts.put("detached", detached.size());
        counts.put("failed", failed.size());
        counts.put("disabled", byStep.get(Step.DISABLED).size());
        counts.put("skipped", byStep.get(Step.SKIPPED).size());
        counts.put("unfinished", byStep.get(Step.UNFINISHED).size());
        return new Report(ownership.instanceId(), Collections.unmodifiableMap(counts),
                byStep.get(Step.RENEWED), byStep.get(Step.CLAIMED), byStep.get(Step.LOST), byStep.get(Step.STANDBY),
                restored, detached, failed, byStep.get(Step.DISABLED), byStep.get(Step.SKIPPED), byStep.get(Step.UNFINISHED),
                webhookStateChanged);
    }

    private void emit(List<Outcome> outcomes, Report report) {
        long pendingSum = 0;
        int pendingMax = 0;
        for (Outcome o : outcomes) {
            for (Point p : o.points) {
                metrics.record(p.name(), p.value(), o.botId);
            }
            if (o.pending >= 0) {
                pendingSum += o.pending;
                pendingMax = Math.max(pendingMax, o.pending);
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        report.counts().forEach((outcome, n) ->
                figures.put("Bots" + Character.toUpperCase(outcome.charAt(0)) + outcome.substring(1), (double) n));
        figures.put("PendingUpdates", (double) pendingSum);
        figures.put("PendingUpdatesMax", (double) pendingMax);
        metrics.beat(figures);
    }
}
