package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One bot's undelivered updates and the webhook they go to. Both live under one lock so that the delivery loop
 * wakes on either change: a new update, or a webhook set, re-pointed or deleted.
 */
final class UpdateQueue {

    /** Telegram keeps undelivered updates for 24 hours. */
    private static final long RETENTION_SECONDS = Duration.ofHours(24).toSeconds();

    /** The webhook and the head update to deliver to it. */
    record Delivery(WebhookConfig webhook, PendingUpdate update) {
    }

    /** One getUpdates call waiting for updates; guarded by the queue's lock. */
    private static final class LongPoll {
        private boolean terminated;
    }

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PendingUpdate> pending = new ArrayDeque<>();
    private long lastUpdateId;
    private WebhookConfig webhook;
    private LongPoll waitingPoll;
    private List<String> allowedUpdates = List.of();
    private Instant lastErrorDate;
    private String lastErrorMessage;

    UpdateQueue(Clock clock, long firstUpdateId) {
        this.clock = clock;
        this.lastUpdateId = firstUpdateId - 1;
    }

    /** Queues an update of {@code type} unless allowed_updates excludes it; returns its id, or -1 if excluded. */
    long add(String type, ObjectNode body) {
        lock.lock();
        try {
            if (!allowedUpdates.isEmpty() && !allowedUpdates.contains(type)) {
                return -1;
            }
            long updateId = ++lastUpdateId;
            ObjectNode json = Json.object().put("update_id", updateId);
            json.set(type, body);
            pending.add(new PendingUpdate(updateId, json, clock.instant().getEpochSecond()));
            changed.signalAll();
            return updateId;
        } finally {
            lock.unlock();
        }
    }

    void setWebhook(WebhookConfig config, boolean dropPending) {
        lock.lock();
        try {
            webhook = config;
            allowedUpdates = config.allowedUpdates() == null ? allowedUpdates : config.allowedUpdates();
            if (dropPending) {
                pending.clear();
            }
            lastErrorDate = null;
            lastErrorMessage = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void deleteWebhook(boolean dropPending) {
        lock.lock();
        try {
            webhook = null;
            if (dropPending) {
                pending.clear();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until a webhook is set and an update is pending. */
    Delivery awaitDelivery() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                dropExpired();
                if (webhook != null && !pending.isEmpty()) {
                    return new Delivery(webhook, pending.peek());
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    void delivered(long updateId) {
        lock.lock();
        try {
            if (!pending.isEmpty() && pending.peek().updateId() == updateId) {
                pending.poll();
            }
        } finally {
            lock.unlock();
        }
    }

    void deliveryFailed(String errorMessage) {
        lock.lock();
        try {
            lastErrorDate = clock.instant();
            lastErrorMessage = errorMessage;
        } finally {
            lock.unlock();
        }
    }

    /** Waits out a retry backoff; returns early with true when the webhook changed meanwhile. */
    boolean awaitRetry(Duration backoff, WebhookConfig attempted) throws InterruptedException {
        long remaining = backoff.toNanos();
        lock.lock();
        try {
            while (webhook == attempted && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return webhook != attempted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * getUpdates: confirms updates below {@code offset} (or, for a negative offset, forgets all but the last
     * {@code -offset}), then returns up to {@code limit}, waiting up to {@code timeout} for the first one (long
     * polling). As in Telegram, a poll that starts waiting ends the one already waiting with 409 Conflict, and so
     * does a webhook being set.
     */
    List<ObjectNode> poll(long offset, int limit, Duration timeout, List<String> newAllowedUpdates) throws InterruptedException {
        lock.lock();
        LongPoll self = null;
        try {
            requireNoWebhook();
            if (newAllowedUpdates != null) {
                allowedUpdates = newAllowedUpdates;
            }
            while (offset < 0 && pending.size() > -offset) {
                pending.poll();
            }
            long remaining = timeout.toNanos();
            while (true) {
                if (self != null && self.terminated) {
                    throw ApiException.conflict(
                            "terminated by other getUpdates request; make sure that only one bot instance is running");
                }
                if (self != null && webhook != null) {
                    throw ApiException.conflict("terminated by setWebhook request");
                }
                requireNoWebhook();
                dropExpired();
                while (offset > 0 && !pending.isEmpty() && pending.peek().updateId() < offset) {
                    pending.poll();
                }
                if (!pending.isEmpty() || remaining <= 0) {
                    return pending.stream().limit(limit).map(PendingUpdate::json).toList();
                }
                if (self == null) {
                    self = startWaiting();
                }
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            if (self != null && waitingPoll == self) {
                waitingPoll = null;
            }
            lock.unlock();
        }
    }

    /** Whether a getUpdates call is waiting for updates now (for tests that need a poll in progress). */
    boolean isLongPolling() {
        lock.lock();
        try {
            return waitingPoll != null;
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private LongPoll startWaiting() {
        if (waitingPoll != null) {
            waitingPoll.terminated = true;
            changed.signalAll();
        }
        waitingPoll = new LongPoll();
        return waitingPoll;
    }

    WebhookState state() {
        lock.lock();
        try {
            boolean set = webhook != null;
            return new WebhookState(
                    set ? webhook.url() : "",
                    false,
                    pending.size(),
                    lastErrorDate,
                    lastErrorMessage,
                    set ? webhook.maxConnections() : 0,
                    allowedUpdates,
                    set && webhook.secretToken() != null);
        } finally {
            lock.unlock();
        }
    }

    private void requireNoWebhook() {
        if (webhook != null) {
            throw ApiException.conflict(
                    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        }
    }

    private void dropExpired() {
        long oldestKept = clock.instant().getEpochSecond() - RETENTION_SECONDS;
        while (!pending.isEmpty() && pending.peek().createdAtEpochSecond() < oldestKept) {
            pending.poll();
        }
    }
}
