package io.botfleet.telegram.emulator;

/**
 * The timestamps of the most recent accepted sends, enough to answer "would one more exceed N per window?".
 * Not thread-safe: {@link SendRateLimiter} guards it.
 */
final class SlidingWindow {

    private final long windowNanos;
    private long[] acceptedAt;
    private int newest = -1;
    private int size;

    SlidingWindow(long windowNanos, int capacity) {
        this.windowNanos = windowNanos;
        this.acceptedAt = new long[Math.max(1, capacity)];
    }

    /** Zero if a send at {@code now} stays within {@code limit} per window, else the nanoseconds until it would. */
    long nanosUntilFree(long now, int limit) {
        ensureCapacity(limit);
        if (size < limit) {
            return 0;
        }
        long limitThMostRecent = acceptedAt[Math.floorMod(newest - (limit - 1), acceptedAt.length)];
        return Math.max(0, limitThMostRecent + windowNanos - now);
    }

    void record(long now) {
        newest = (newest + 1) % acceptedAt.length;
        acceptedAt[newest] = now;
        size = Math.min(size + 1, acceptedAt.length);
    }

    private void ensureCapacity(int capacity) {
        if (capacity <= acceptedAt.length) {
            return;
        }
        long[] grown = new long[capacity];
        for (int k = 0; k < size; k++) {
            grown[size - 1 - k] = acceptedAt[Math.floorMod(newest - k, acceptedAt.length)];
        }
        acceptedAt = grown;
        newest = size - 1;
    }
}
