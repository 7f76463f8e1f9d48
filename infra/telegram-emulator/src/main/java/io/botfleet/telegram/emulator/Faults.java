package io.botfleet.telegram.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Misbehaviour injected into one bot's Bot API answers.
 *
 * @param latency                   added before every answer (slept on a virtual thread, so other requests go on)
 * @param serverErrorRate           probability in [0, 1] that a call answers 500 or 502 without doing anything
 * @param forced429Count            the next this-many send calls answer 429 regardless of the limits
 * @param forced429RetryAfterSeconds the {@code retry_after} those forced 429s carry
 */
public record Faults(Duration latency, double serverErrorRate, int forced429Count, int forced429RetryAfterSeconds) {

    public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 1);

    public Faults {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        if (serverErrorRate < 0 || serverErrorRate > 1) {
            throw new IllegalArgumentException("serverErrorRate must be within [0, 1]: " + serverErrorRate);
        }
        if (forced429Count < 0 || forced429RetryAfterSeconds < 1) {
            throw new IllegalArgumentException("forced429Count must be >= 0 and forced429RetryAfterSeconds >= 1");
        }
    }

    public static Faults latency(Duration latency) {
        return new Faults(latency, 0, 0, 1);
    }

    public static Faults serverErrors(double rate) {
        return new Faults(Duration.ZERO, rate, 0, 1);
    }

    public static Faults forced429(int count, int retryAfterSeconds) {
        return new Faults(Duration.ZERO, 0, count, retryAfterSeconds);
    }
}
