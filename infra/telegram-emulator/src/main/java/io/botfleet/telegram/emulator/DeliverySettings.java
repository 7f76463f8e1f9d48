package io.botfleet.telegram.emulator;

import java.time.Duration;

/**
 * How webhook delivery waits and retries. Telegram waits about 60 s for an answer; the defaults are shorter so
 * that tests and the local stack notice failures quickly.
 *
 * @param timeout        how long one delivery waits for the webhook's answer
 * @param initialBackoff the pause after the first failed delivery of an update, doubling per failure
 * @param maxBackoff     the longest pause between retries
 */
public record DeliverySettings(Duration timeout, Duration initialBackoff, Duration maxBackoff) {

    public static final DeliverySettings DEFAULTS =
            new DeliverySettings(Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(5));

    public DeliverySettings {
        if (timeout.isNegative() || timeout.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("timeout must be positive and maxBackoff >= initialBackoff >= 0");
        }
    }
}
