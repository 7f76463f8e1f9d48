package io.botfleet.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * The application's rate limit: a fixed window per subject (user, API key or, for anonymous calls, source IP) counted
 * in the EphemeralTable, so every function instance shares it. One conditional-free {@code UpdateItem} per request.
 * API Gateway's throttling in template.yaml is the coarse, account-wide limit in front of this one.
 */
public final class RateLimiter {
    /** The outcome: allowed, or refused with the seconds until the window ends. */
    public record Decision(boolean allowed, long retryAfterSeconds, long remaining) {}

    private final Counters counters;
    private final int limit;
    private final Duration window;

    public RateLimiter(Counters counters, int limit, Duration window) {
        this.counters = counters;
        this.limit = limit;
        this.window = window;
    }

    public int limit() {
        return limit;
    }

    public Decision acquire(String subject, Instant now) {
        long windowSeconds = window.toSeconds();
        long start = now.getEpochSecond() / windowSeconds * windowSeconds;
        Instant end = Instant.ofEpochSecond(start + windowSeconds);
        long hits = counters.increment("RL#api#" + subject + "#" + start, end.plus(window));
        if (hits > limit) {
            long retry = Math.max(1, Duration.between(now, end).toSeconds() + (Duration.between(now, end).toMillisPart() > 0 ? 1 : 0));
            return new Decision(false, retry, 0);
        }
        return new Decision(true, 0, limit - hits);
    }
}
