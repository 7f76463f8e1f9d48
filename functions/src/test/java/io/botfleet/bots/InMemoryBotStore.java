package io.botfleet.bots;

import io.botfleet.ownership.Fence;
import io.botfleet.ownership.InMemoryLeaseStore;
import io.botfleet.ownership.LeaseStore;
import io.botfleet.shared.paging.Page;
import io.botfleet.shared.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bots in memory with DynamoBotStore's conditions: a bot is created once; an update wins only on the stored version
 * and writes the settings it owns (not the webhook state, which the heartbeat writes); a token is flagged revoked
 * only while it is the stored one and not flagged yet; webhook writes pass only with the current owner's fence
 * (checked on the lease store, atomically with the write). Listing is newest first, as the {@code gsi1} index is.
 */
public final class InMemoryBotStore implements BotStore {
    private static final String LIST_KEY = "gsi1sk";

    private final InMemoryLeaseStore leases;
    private final Map<String, Bot> bots = new HashMap<>();
    private final TreeMap<String, String> newestLast = new TreeMap<>();
    private final Map<String, WebhookHealth> health = new HashMap<>();
    private final Map<String, String> secretHashes = new HashMap<>();

    /** @param leases the leases that fence the webhook writes */
    public InMemoryBotStore(InMemoryLeaseStore leases) {
        this.leases = leases;
    }

    private static String listKey(Bot bot) {
        return Timestamps.iso(bot.createdAt()) + "#" + bot.botId();
    }

    @Override
    public synchronized boolean create(Bot bot) {
        if (bots.putIfAbsent(bot.botId(), bot) != null) {
            return false;
        }
        newestLast.put(listKey(bot), bot.botId());
        return true;
    }

    @Override
    public synchronized Optional<Bot> get(String botId) {
        return Optional.ofNullable(bots.get(botId));
    }

    @Override
    public synchronized Page<Bot> list(Optional<Map<String, String>> startKey, int limit) {
        var newestFirst = startKey.map(k -> newestLast.headMap(k.get(LIST_KEY), false)).orElse(newestLast).descendingMap();
        List<Bot> page = new ArrayList<>();
        for (var e : newestFirst.entrySet()) {
            page.add(bots.get(e.getValue()));
            if (page.size() == limit) {
                return new Page<>(page, Optional.of(Map.of(LIST_KEY, e.getKey())));
            }
        }
        return new Page<>(page, Optional.empty());
    }

    @Override
    public synchronized Bot update(Bot bot, long expectedVersion) {
        Bot current = bots.get(bot.botId());
        if (current == null || current.version() != expectedVersion) {
            throw new VersionConflict(bot.botId());
        }
        Bot updated = new Bot(current.botId(), current.username(), bot.displayName(), bot.tokenCipher(), bot.tokenMask(),
                bot.status(), bot.sendRatePerSec(), bot.paidBroadcast(), bot.replies(), bot.webhookPolicy(),
                current.webhookState(), current.allowedUpdates(), current.createdAt(), current.createdBy(),
                expectedVersion + 1, bot.tokenRevokedAt() == null ? null : current.tokenRevokedAt());
        bots.put(bot.botId(), updated);
        return bot.withVersion(expectedVersion + 1);
    }

    @Override
    public synchronized boolean flagTokenRevoked(String botId, String tokenMask, Instant at) {
        Bot current = bots.get(botId);
        if (current == null || !current.tokenMask().equals(tokenMask) || current.tokenRevokedAt() != null) {
            return false;
        }
        bots.put(botId, new Bot(current.botId(), current.username(), current.displayName(), current.tokenCipher(),
                current.tokenMask(), current.status(), current.sendRatePerSec(), current.paidBroadcast(), current.replies(),
                current.webhookPolicy(), current.webhookState(), current.allowedUpdates(), current.createdAt(),
                current.createdBy(), current.version() + 1, at));
        return true;
    }

    @Override
    public void setWebhookState(String botId, String state, Fence fence) {
        fenced(fence, () -> {
            synchronized (this) {
                Bot current = bots.get(botId);
                if (current == null) {
                    throw new IllegalStateException("no bot " + botId);
                }
                bots.put(botId, current.withWebhookState(state).withVersion(current.version() + 1));
            }
        });
    }

    @Override
    public void attachWebhook(String botId, String secretHash, Fence fence) {
        setWebhookState(botId, "attached", fence);
        synchronized (this) {
            secretHashes.put(botId, secretHash + "#" + fence.epoch());
        }
    }

    /** The stored secret hash and the epoch it is for, as {@code hash#epoch}. */
    public synchronized Optional<String> secretHash(String botId) {
        return Optional.ofNullable(secretHashes.get(botId));
    }

    @Override
    public void putWebhookHealth(WebhookHealth h, Fence fence) {
        fenced(fence, () -> {
            synchronized (this) {
                health.put(h.botId(), h);
            }
        });
    }

    private void fenced(Fence fence, Runnable write) {
        if (!leases.ifHolds(fence, write)) {
            throw new LeaseStore.FencedOut(fence);
        }
    }

    @Override
    public synchronized Optional<WebhookHealth> webhookHealth(String botId) {
        return Optional.ofNullable(health.get(botId));
    }

    @Override
    public synchronized void delete(String botId) {
        Bot removed = bots.remove(botId);
        if (removed != null) {
            newestLast.remove(listKey(removed));
        }
        health.remove(botId);
    }
}
