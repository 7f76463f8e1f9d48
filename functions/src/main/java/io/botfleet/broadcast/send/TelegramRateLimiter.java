package io.botfleet.broadcast.send;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Paces one bot's sends: a token bucket that hands out send slots at {@code ratePerSecond} with a burst of
 * {@code burst} slots, and can be paused (Telegram's 429 {@code retry_after}) so that nothing is sent for that bot
 * until the pause ends. Slots are reserved under a lock and waited for outside it, so many senders share it fairly.
 */
public final class TelegramRateLimiter {
    /** The time the limiter paces by, and how it waits: the system's, or a test's. */
    interface Ticker {
        long nanos();

        void park(long nanos);

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void park(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };
    }

    private final Ticker ticker;
    private final long intervalNanos;
    private final long burstNanos;
    private long nextSlot;

    public TelegramRateLimiter(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, Ticker.SYSTEM);
    }

    TelegramRateLimiter(double ratePerSecond, int burst, Ticker ticker) {
        this.ticker = ticker;
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.intervalNanos = (long) (1_000_000_000L / ratePerSecond);
        this.burstNanos = (burst - 1) * intervalNanos;
        // starts empty: the previous holder of this bot's pace may have just used the last second's budget
        this.nextSlot = ticker.nanos() + intervalNanos;
    }

    /**
     * A limiter for a Telegram limit of {@code perSecond}: paced 2% under it, because Telegram counts over sliding
     * windows and network jitter bunches requests that left evenly spaced; one slot of burst lets a send that a
     * ledger write or a batch boundary delayed go at once instead of losing its slot (the 2% keeps even that
     * within the limit).
     */
    public static TelegramRateLimiter forLimit(double perSecond) {
        return forLimit(perSecond, Ticker.SYSTEM);
    }

    static TelegramRateLimiter forLimit(double perSecond, Ticker ticker) {
        return new TelegramRateLimiter(perSecond * HEADROOM, 2, ticker);
    }

    static final double HEADROOM = 0.98;

    /**
     * Blocks until this caller may send one message. A caller that wakes late pushes the next slot back instead of
     * letting the following sends catch up: late wake-ups (GC, a busy CPU) must not turn into a burst that Telegram
     * would count against the limit.
     */
    public void acquire() {
        acquire(() -> false);
    }

    /**
     * As {@link #acquire()}, but gives up, returning false, as soon as {@code abandon} is true while waiting: a send
     * that will not happen (the token was revoked, the bot hands its batches back for a long {@code retry_after})
     * must not sit out a pause that may outlast the invocation. The slot it had is not given to anyone else.
     */
    public boolean acquire(BooleanSupplier abandon) {
        long slot = reserve();
        long remaining;
        while ((remaining = slot - ticker.nanos()) > 0) {
            if (abandon.getAsBoolean()) {
                return false;
            }
            ticker.park(Math.min(remaining, ABANDON_CHECK_NANOS));
        }
        long late = ticker.nanos() - slot;
        if (late > intervalNanos / 2) {
            noCatchUp(slot + late);
        }
        return true;
    }

    /** How often a waiting caller looks whether to give up: short against a pause, long against a send slot. */
    static final long ABANDON_CHECK_NANOS = Duration.ofMillis(50).toNanos();

    private synchronized void noCatchUp(long departedAt) {
        nextSlot = Math.max(nextSlot, departedAt + intervalNanos);
    }

    private synchronized long reserve() {
        long now = ticker.nanos();
        long slot = Math.max(now - burstNanos, nextSlot);
        nextSlot = slot + intervalNanos;
        return slot;
    }

    /** Nothing is sent before {@code pause} has passed (slots already reserved beyond it keep their time). */
    public synchronized void pauseFor(Duration pause) {
        long resumeAt = ticker.nanos() + pause.toNanos();
        nextSlot = Math.max(nextSlot, resumeAt);
    }

    public double ratePerSecond() {
        return 1e9 / intervalNanos;
    }
}
