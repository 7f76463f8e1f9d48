package io.botfleet.telegram.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Misbehaviour injected into one bot's Bot API answers. Setting faults replaces all of them and restarts the
 * counted ones and the flood wait.
 *
 * @param latency                    added before every answer (slept on a virtual thread, so other requests go on)
 * @param serverErrorRate            probability in [0, 1] that a call answers 500 or 502 without doing anything
 * @param forced429Count             the next this-many send calls answer 429 regardless of the limits
 * @param forced429RetryAfterSeconds the {@code retry_after} those forced 429s carry
 * @param floodWaitSeconds           a flood wait starting now: every send answers 429 until this many seconds have
 *                                   passed, with {@code retry_after} = the whole seconds left, rounded up (so the
 *                                   full value at first, counting down as Telegram's does); 0 for none
 * @param acceptedSendDelay          sends that are accepted (the message is delivered and stored) are answered
 *                                   only after this long, so a client with a shorter read timeout sees a timeout
 *                                   for a message Telegram did deliver; zero for none
 * @param acceptedSendDelayCount     how many of the next accepted sends are answered late;
 *                                   {@link #EVERY_ACCEPTED_SEND} for all of them
 */
public record Faults(Duration latency, double serverErrorRate, int forced429Count, int forced429RetryAfterSeconds,
                     int floodWaitSeconds, Duration acceptedSendDelay, int acceptedSendDelayCount) {

    public static final int EVERY_ACCEPTED_SEND = Integer.MAX_VALUE;
    public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 1);

    public Faults {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(acceptedSendDelay, "acceptedSendDelay");
        if (latency.isNegative() || acceptedSendDelay.isNegative()) {
            throw new IllegalArgumentException("latency and acceptedSendDelay must not be negative");
        }
        if (serverErrorRate < 0 || serverErrorRate > 1) {
            throw new IllegalArgumentException("serverErrorRate must be within [0, 1]: " + serverErrorRate);
        }
        if (forced429Count < 0 || forced429RetryAfterSeconds < 1) {
            throw new IllegalArgumentException("forced429Count must be >= 0 and forced429RetryAfterSeconds >= 1");
        }
        if (floodWaitSeconds < 0) {
            throw new IllegalArgumentException("floodWaitSeconds must be >= 0: " + floodWaitSeconds);
        }
        if (acceptedSendDelayCount < 1) {
            throw new IllegalArgumentException("acceptedSendDelayCount must be >= 1: " + acceptedSendDelayCount);
        }
    }

    /** Latency, server errors and forced 429s only. */
    public Faults(Duration latency, double serverErrorRate, int forced429Count, int forced429RetryAfterSeconds) {
        this(latency, serverErrorRate, forced429Count, forced429RetryAfterSeconds, 0, Duration.ZERO, EVERY_ACCEPTED_SEND);
    }

    public static Faults latency(Duration latency) {
        return new Faults(latency, 0, 0, 1);
    }

    public static Faults serverErrors(double rate) {
        return new Faults(Duration.ZERO, rate, 0, 1);
    }

    /** The next {@code count} sends answer 429 with {@code retry_after = retryAfterSeconds}. */
    public static Faults forced429(int count, int retryAfterSeconds) {
        return new Faults(Duration.ZERO, 0, count, retryAfterSeconds);
    }

    /** Every send answers 429 for the next {@code seconds}, {@code retry_after} counting down from {@code seconds}. */
    public static Faults floodWait(int seconds) {
        return new Faults(Duration.ZERO, 0, 0, 1, seconds, Duration.ZERO, EVERY_ACCEPTED_SEND);
    }

    /** Every accepted send is answered {@code delay} late. */
    public static Faults slowAcceptedSends(Duration delay) {
        return slowAcceptedSends(EVERY_ACCEPTED_SEND, delay);
    }

    /** The next {@code count} accepted sends are answered {@code delay} late. */
    public static Faults slowAcceptedSends(int count, Duration delay) {
        return new Faults(Duration.ZERO, 0, 0, 1, 0, delay, count);
    }
}
