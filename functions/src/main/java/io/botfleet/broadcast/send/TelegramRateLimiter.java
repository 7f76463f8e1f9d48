package io.botfleet.broadcast.send;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Paces one bot's sends: a token bucket that hands out send slots at {@code ratePerSecond} with a burst of
 * {@code burst} slots, and can be paused (Telegram's 429 {@code retry_after}) so that nothing is sent for that bot
 * until the pause ends. Slots are reserved under a lock and waited for outside it, so many senders share it fairly.
 * A send that reaches its slot also needs room in a sliding window of departures ({@link DepartureWindow}) holding
 * {@code ceil(ratePerSecond)} sends: the slots space the sends, the window keeps a stall's late sends from bunching
 * into one of Telegram's windows.
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
    private final DepartureWindow departures;
    /** How late a caller may wake and still use its slot. */
    private final long lateTolerance;
    /** 0: each caller wakes at its slot; else callers wake at the next multiple of it (see WAKE_GRID_NANOS). */
    private final long wakeGrid;
    private long nextSlot;
    /** Written under the lock, read without it by every send. */
    private volatile long pausedUntil;

    public TelegramRateLimiter(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, Ticker.SYSTEM);
    }

    TelegramRateLimiter(double ratePerSecond, int burst, Ticker ticker) {
        this(ratePerSecond, burst, ticker, 0);
    }

    /** @param wakeGrid callers whose slots are closer together than this wake together on its multiples; 0: never */
    TelegramRateLimiter(double ratePerSecond, int burst, Ticker ticker, long wakeGrid) {
        this.ticker = ticker;
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.intervalNanos = (long) (1_000_000_000L / ratePerSecond);
        this.burstNanos = (burst - 1) * intervalNanos;
        this.lateTolerance = Math.max(intervalNanos / 2, LATE_TOLERANCE_NANOS);
        this.wakeGrid = intervalNanos < wakeGrid ? wakeGrid : 0;
        int perWindow = (int) Math.ceil(ratePerSecond);
        this.departures = new DepartureWindow(perWindow, perWindow * intervalNanos, intervalNanos / 2, ticker.nanos());
        // starts empty: the previous holder of this bot's pace may have just used the last second's budget
        this.nextSlot = ticker.nanos() + intervalNanos;
        this.pausedUntil = Long.MIN_VALUE;
    }

    /**
     * A limiter for a Telegram limit of {@code perSecond}: paced 2% under it, because Telegram counts over sliding
     * windows and network jitter bunches requests that left evenly spaced; one slot of burst lets a send that a
     * ledger write or a batch boundary delayed go at once instead of losing its slot (the 2% keeps even that
     * within the limit). The departure window then holds {@code perSecond} sends over 1/0.98 s: a second of
     * Telegram's sees at most its limit even when sends reach it up to 20 ms apart from when they left.
     */
    public static TelegramRateLimiter forLimit(double perSecond) {
        return forLimit(perSecond, Ticker.SYSTEM);
    }

    static TelegramRateLimiter forLimit(double perSecond, Ticker ticker) {
        return new TelegramRateLimiter(perSecond * HEADROOM, 2, ticker, WAKE_GRID_NANOS);
    }

    static final double HEADROOM = 0.98;

    /**
     * Callers whose slots are closer together than this wake together, at the next multiple of it, instead of each at
     * its own slot: at the paid 1,000/s every slot was a wake-up of the virtual-thread scheduler's timer thread and of
     * a carrier, a third of the paid sender's CPU; on this grid eight sends share one wake-up (measured with
     * {@code ./botfleet bench broadcast paid}: 325 → 181-218 ms of CPU per 1,000 sends, docs/benchmarks.md). Telegram
     * counts a bot's sends per second, so sends that leave together within 8 ms count as the same eight evenly spaced
     * ones would; the departure window still holds any second to the limit. Free-rate slots (34 ms apart) are not moved.
     */
    static final long WAKE_GRID_NANOS = Duration.ofMillis(8).toNanos();

    /**
     * Blocks until this caller may send one message. A caller that wakes late (GC, a busy CPU) still sends, at most at
     * twice the pace, while the window of recent departures has room to spare; otherwise it gives up its slot and
     * takes the next free one, behind the slots others already hold: when a stall ends, the sends whose slots went by
     * during it must not all leave at once, a burst that Telegram would count against the limit.
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
        while (true) {
            long reservedAt = ticker.nanos();
            long slot = reserve(reservedAt);
            long wakeAt = wakeGrid == 0 ? slot : Math.ceilDiv(slot, wakeGrid) * wakeGrid;
            if (!await(() -> wakeAt - ticker.nanos(), abandon)) {
                return false;
            }
            long now = ticker.nanos();
            if (now < pausedUntil) {
                // a slot inside a pause that began after it was handed out: one behind the pause instead
                continue;
            }
            // a slot of the burst is due when it was handed out, not when it would have been
            if (now - Math.max(slot, reservedAt) <= lateTolerance) {
                // the last line against bunching: a send needs room in the window of recent departures too
                return await(() -> departures.tryDepart(ticker.nanos()), abandon);
            }
            long wait;
            while ((wait = departures.tryCatchUp(ticker.nanos())) > 0) {
                if (abandon.getAsBoolean()) {
                    return false;
                }
                ticker.park(wait);
            }
            if (wait == 0) {
                return true;
            }
        }
    }

    /** Waits while {@code untilFree} says how long is left, looking whether to give up every ABANDON_CHECK_NANOS. */
    private boolean await(LongSupplier untilFree, BooleanSupplier abandon) {
        long remaining;
        while ((remaining = untilFree.getAsLong()) > 0) {
            if (abandon.getAsBoolean()) {
                return false;
            }
            ticker.park(Math.min(remaining, ABANDON_CHECK_NANOS));
        }
        return true;
    }

    /**
     * Waking this late is ordinary scheduling (a virtual thread waits for a carrier, a timer's granularity): at
     * 1,000/s giving up the slot then would lose a tenth of the rate. Telegram's windows absorb it, as they absorb
     * network jitter.
     */
    static final long LATE_TOLERANCE_NANOS = Duration.ofMillis(10).toNanos();

    /**
     * How often a waiting caller looks whether to give up: short against a pause, and longer than a paid sender's
     * callers wait for their slots (256 in flight at 1,000/s hold slots up to ≈ 0.16-0.2 s ahead), so that each
     * waits in one park. Every park with a timeout is a timer of the virtual-thread scheduler: at 50 ms a paid send
     * parked about four times for its slot, a free-rate send (a wave's ~100 waiting up to 3.5 s) up to seventy.
     */
    static final long ABANDON_CHECK_NANOS = Duration.ofMillis(250).toNanos();

    private synchronized long reserve(long now) {
        long slot = Math.max(now - burstNanos, nextSlot);
        nextSlot = slot + intervalNanos;
        return slot;
    }

    /**
     * Nothing is sent before {@code pause} has passed: callers holding slots inside it take new ones behind it (slots
     * already reserved beyond it keep their time).
     */
    public synchronized void pauseFor(Duration pause) {
        long resumeAt = ticker.nanos() + pause.toNanos();
        pausedUntil = Math.max(pausedUntil, resumeAt);
        nextSlot = Math.max(nextSlot, resumeAt);
    }

    /**
     * The last send, made alone, has its answer: it is counted as having left now. A call's first request opens the
     * connection, and in a cold function the client's first pass is slow, so it may reach Telegram tens of milliseconds
     * after it was counted as leaving, closer to the sends that follow than their spacing says: counted from its
     * answer, a second of Telegram's cannot see it with a full second of sends behind it.
     */
    public void lastSendAnswered() {
        departures.lastArrivedBy(ticker.nanos());
    }

    public double ratePerSecond() {
        return 1e9 / intervalNanos;
    }
}
