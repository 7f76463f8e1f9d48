package io.botfleet.auth;

import java.time.Instant;
import java.util.Optional;

/** Short-lived counters that are safe to lose (rate-limit windows, login failures); on the EphemeralTable. */
public interface Counters {

    /** Failures recorded under a key: how many, and when the last one happened. */
    record Failures(long count, Instant last) {}

    /** Adds one and returns the new count; the counter disappears at {@code expiresAt}. */
    long increment(String key, Instant expiresAt);

    Optional<Failures> failures(String key, Instant now);

    Failures recordFailure(String key, Instant now, Instant expiresAt);

    void clear(String key);
}
