package io.botfleet.broadcast.send;

/**
 * At most {@code limit} sends in any window of {@code windowNanos}, counted when they leave. Telegram counts a bot's
 * sends over a sliding window; evenly reserved send slots alone do not keep under it, because sends whose slots went
 * by during a stall (a busy CPU, a collection) all leave when it ends and land in the same window as the sends that
 * follow on time. Such late sends may catch up, spaced by a gap, only while the window has room to spare.
 */
final class DepartureWindow {
    private final long windowNanos;
    private final long catchUpGapNanos;
    private final int spare;
    /** The last {@code limit} departures, oldest at {@code next}. */
    private final long[] departures;
    private int next;
    private long last;

    /**
     * Starts as if the last window had been used evenly to the limit: the previous holder of this bot's pace (another
     * instance, or the invocation before) may have just sent that much.
     *
     * @param catchUpGapNanos how far apart sends that are late for their slots leave: they catch up, but not at once
     */
    DepartureWindow(int limit, long windowNanos, long catchUpGapNanos, long now) {
        if (limit < 1 || windowNanos <= 0 || catchUpGapNanos < 0) {
            throw new IllegalArgumentException("limit and window must be positive, the gap not negative");
        }
        this.windowNanos = windowNanos;
        this.catchUpGapNanos = catchUpGapNanos;
        this.spare = Math.max(1, limit / SPARE_SHARE);
        this.departures = new long[limit];
        for (int i = 0; i < limit; i++) {
            departures[i] = now - windowNanos + (i + 1) * (windowNanos / limit);
        }
        this.last = departures[limit - 1];
    }

    /**
     * A late send catches up only while the window stays this share of the limit (4 %) short of full: the sends of a
     * catch-up leave denser than the pace, and what reaches Telegram denser also reaches it less evenly.
     */
    private static final int SPARE_SHARE = 25;

    /** Zero when a send may leave now (and it is counted), otherwise the nanoseconds until one may. */
    synchronized long tryDepart(long now) {
        long free = departures[next] + windowNanos - now;
        if (free > 0) {
            return free;
        }
        record(now);
        return 0;
    }

    /**
     * For a send late for its slot: zero when it may leave now (and it is counted), the nanoseconds until it may when
     * it only has to keep its distance from the send before, or -1 when the window has no room to spare (it must
     * take a new slot).
     */
    synchronized long tryCatchUp(long now) {
        if (departures[(next + spare) % departures.length] + windowNanos > now) {
            return -1;
        }
        long free = last + catchUpGapNanos - now;
        if (free > 0) {
            return free;
        }
        record(now);
        return 0;
    }

    /**
     * The last departure is counted as of {@code now} instead (never earlier than it left): for a send whose request
     * may have reached Telegram much later than it left, now that its answer is here.
     */
    synchronized void lastArrivedBy(long now) {
        int lastIndex = (next + departures.length - 1) % departures.length;
        departures[lastIndex] = Math.max(departures[lastIndex], now);
        last = Math.max(last, now);
    }

    private void record(long now) {
        departures[next] = now;
        next = (next + 1) % departures.length;
        last = now;
    }
}
