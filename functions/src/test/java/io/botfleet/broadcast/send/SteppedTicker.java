package io.botfleet.broadcast.send;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Time for many concurrent callers of the rate limiter that moves only when the test steps it, and only once every
 * caller is parked or done: each step sees the same interleaving, whatever the machine's speed. A step longer than
 * the pace is a stall (a collection, a busy CPU): every caller whose wake-up fell inside it wakes at once.
 */
final class SteppedTicker implements TelegramRateLimiter.Ticker {
    private long now = 1_000_000_000L;
    private final PriorityQueue<Long> wakeUps = new PriorityQueue<>();
    private int running;

    /** @param callers how many threads will use this ticker; each calls {@link #done()} when it has finished */
    SteppedTicker(int callers) {
        this.running = callers;
    }

    @Override
    public synchronized long nanos() {
        return now;
    }

    @Override
    public synchronized void park(long nanos) {
        long until = now + nanos;
        wakeUps.add(until);
        running--;
        notifyAll();
        while (now < until) {
            waitQuietly();
        }
    }

    synchronized void done() {
        running--;
        notifyAll();
    }

    /** Waits until every caller is parked or done, then moves the time on and wakes those now due. */
    synchronized void step(Duration by) {
        while (running > 0) {
            waitQuietly();
        }
        now += by.toNanos();
        while (!wakeUps.isEmpty() && wakeUps.peek() <= now) {
            wakeUps.poll();
            running++;
        }
        notifyAll();
    }

    synchronized boolean allDone() {
        while (running > 0) {
            waitQuietly();
        }
        return wakeUps.isEmpty();
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
