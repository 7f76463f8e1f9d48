package io.botfleet.bots;

import io.botfleet.ownership.BotOwnership;
import io.botfleet.ownership.Fence;
import io.botfleet.ownership.InMemoryLeaseStore;
import io.botfleet.ownership.Lease;
import io.botfleet.ownership.LeaseStore;
import io.botfleet.shared.paging.Page;
import io.botfleet.shared.time.TestClock;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.BotToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The heartbeat's world in memory: bots (listed in key order, newest first like the bots index), their leases, a
 * Telegram that remembers each bot's webhook, the fenced webhook-state and health records, and a clock that only
 * moves when told (e.g. by each Telegram call, standing in for its latency). Several deployments can share one world,
 * each through its own {@link BotHeartbeat.Fleet} (its own base URL).
 */
public final class FleetWorld {
    static final Duration LEASE = Duration.ofSeconds(180);

    /** A setWebhook: which deployment pointed the bot's webhook, with the secret of which epoch. */
    record Pointed(String botId, String url, long epoch) {}

    public final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    final InMemoryLeaseStore leases = new InMemoryLeaseStore();
    private final ConcurrentSkipListMap<String, Bot> bots = new ConcurrentSkipListMap<>(Comparator.reverseOrder());
    final Map<String, String> telegramUrl = new ConcurrentHashMap<>();
    final Map<String, Long> telegramEpoch = new ConcurrentHashMap<>();
    final Map<String, WebhookHealth> health = new ConcurrentHashMap<>();
    final Map<String, String> webhookState = new ConcurrentHashMap<>();
    final List<Pointed> pointed = new ArrayList<>();
    /** Updates Telegram holds for a bot (getWebhookInfo's pending_update_count); 0 when absent. */
    final Map<String, Integer> pendingUpdates = new ConcurrentHashMap<>();
        /** Runs at every getWebhookInfo with the bot id: may advance the clock, block, throw. */
    volatile Consumer<String> onWebhookInfo = botId -> { };
    /** Clock advance per getWebhookInfo (Telegram's latency as the beat's clock sees it). */
    public volatile Duration telegramLatency = Duration.ZERO;
    final AtomicInteger stateWrites = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    /** Registers {@code count} bots {@code 100001, 100002, …} (listed newest, i.e. highest id, first). */
    public List<String> addBots(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(addBot(Integer.toString(100_001 + bots.size()), "active", "restore"));
        }
        return ids;
    }

    String addBot(String botId, String status, String webhookPolicy) {
        return addBot(botId, status, webhookPolicy, "attached");
    }

    String addBot(String botId, String status, String webhookPolicy, String webhookState) {
        bots.put(botId, new Bot(botId, "bot" + botId, "Bot " + botId, botId + ":" + "A".repeat(30), "masked", status, 30,
                false, Bot.Replies.DEFAULTS, webhookPolicy, webhookState, Bot.ALLOWED_UPDATES, clock.instant(), "test", 1));
        this.webhookState.put(botId, webhookState);
        return botId;
    }

    /** The bot ids in listing order. */
    public List<String> listingOrder() {
        return List.copyOf(bots.keySet());
    }

    /** A live lease of {@code owner} whose webhook at Telegram points at {@code baseUrl}. */
    public void own(String botId, String owner, String baseUrl, long epoch) {
        leases.put(new Lease(botId, owner, epoch, clock.instant().plus(LEASE)));
        telegramUrl.put(botId, url(baseUrl, botId));
        telegramEpoch.put(botId, epoch);
    }

    static String url(String baseUrl, String botId) {
        return baseUrl + "/telegram/" + botId;
    }

    BotOwnership ownership(String instanceId) {
        return new BotOwnership(leases, instanceId, LEASE, clock);
    }

    public BotHeartbeat heartbeat(String instanceId, String baseUrl, BotHeartbeat.Settings settings, BotHeartbeat.Metrics metrics) {
        return new BotHeartbeat(fleet(baseUrl), ownership(instanceId), metrics, settings, clock);
    }

    BotHeartbeat.Fleet fleet(String baseUrl) {
        return new BotHeartbeat.Fleet() {
            @Override
            public Page<Bot> list(Optional<Map<String, String>> startKey, int limit) {
                var from = startKey.map(k -> bots.tailMap(k.get("botId"), false)).orElse(bots);
                List<Bot> items = from.values().stream().limit(limit).toList();
                // like DynamoDB with a Limit: a full page has a last key, even when nothing follows
                return new Page<>(items, items.size() == limit ? Optional.of(Map.of("botId", items.getLast().botId())) : Optional.empty());
            }

            @Override
            public BotToken token(Bot bot) {
                return BotToken.parse(bot.tokenCipher()).orElseThrow();
            }

            @Override
            public String webhookUrl(String botId) {
                return url(baseUrl, botId);
            }

            @Override
            public BotAdminApi.WebhookInfo webhookInfo(BotToken token) {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    clock.advance(telegramLatency);
                    onWebhookInfo.accept(token.botId());
                    return new BotAdminApi.WebhookInfo(telegramUrl.getOrDefault(token.botId(), ""),
                            pendingUpdates.getOrDefault(token.botId(), 0), Optional.empty(),
                            Optional.empty(), 40, Bot.ALLOWED_UPDATES);
                } finally {
                    inFlight.decrementAndGet();
                }
            }

            @Override
            public void pointWebhook(String botId, BotToken token, Lease lease) {
                // as BotRegistry.pointWebhook: setWebhook at Telegram, then the fenced state write
                synchronized (pointed) {
                    pointed.add(new Pointed(botId, url(baseUrl, botId), lease.epoch()));
                    telegramUrl.put(botId, url(baseUrl, botId));
                    telegramEpoch.put(botId, lease.epoch());
                }
                setWebhookState(botId, "attached", lease.fence());
            }

            @Override
            public void setWebhookState(String botId, String state, Fence fence) {
                fenced(fence, () -> {
                    webhookState.put(botId, state);
                    stateWrites.incrementAndGet();
                });
            }

            @Override
            public void putWebhookHealth(WebhookHealth h, Fence fence) {
                fenced(fence, () -> health.put(h.botId(), h));
            }
        };
    }

    List<Pointed> pointed() {
        synchronized (pointed) {
            return List.copyOf(pointed);
        }
    }

    /** The write happens only while the fence holds, atomically with lease changes (like one transaction). */
    private void fenced(Fence fence, Runnable write) {
        if (!leases.ifHolds(fence, write)) {
            throw new LeaseStore.FencedOut(fence);
        }
    }
}
