package io.botfleet.broadcast.send;

/**
 * At most {@code limit} sends in any window of {@code windowNanos}, counted when they leave. Telegram counts a bot's
 * sends over a sliding window; evenly reserved send slots alone do not keep under it, because sends whose slots went
 * by during a stall (a busy CPU, a collection) all leave when it ends and land in the same window as the sends that
 * follow on time.
 */
final class DepartureWindow {
    private final long windowNanos;
    /** The last {@code limit} departures, oldest at {@code next}. */
    private final long[] departures;
    private int next;

    /**
     * Starts as if the last window had been used evenly to the limit: the previous holder of this bot's pace (another
     * instance, or the invocation before) may have just sent that much.
     */
    DepartureWindow(int limit, long windowNanos, long now) {
        if (limit < 1 || windowNanos <= 0) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.windowNanos = windowNanos;
        this.departures = new long[limit];
        for (int i = 0; i < limit; i++) {
            departures[i] = now - windowNanos + (i + 1) * (windowNanos / limit);
        }
    }

    /** Zero when a send may leave now (and it is counted), otherwise the nanoseconds until one may. */
    synchronized long tryDepart(long now) {
        long free = departures[next] + windowNanos - now;
        if (free > 0) {
            return free;
        }
        departures[next] = now;
        next = (next + 1) % departures.length;
        return 0;
    }
}
