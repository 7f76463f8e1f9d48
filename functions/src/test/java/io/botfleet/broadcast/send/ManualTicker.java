package io.botfleet.broadcast.send;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Time for the rate limiter that moves only when a caller waits, or when a test says so; shared by many senders. */
final class ManualTicker implements TelegramRateLimiter.Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanos() {
        return now.get();
    }

    @Override
    public void park(long nanos) {
        now.addAndGet(nanos);
    }

    void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
