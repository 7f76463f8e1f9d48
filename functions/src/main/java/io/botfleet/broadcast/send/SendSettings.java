package io.botfleet.broadcast.send;

import java.time.Duration;

/**
 * Tunables of the sender.
 *
 * @param waveSeconds        how much sending one ledger checkpoint covers: a crash leaves at most about this much in
 *                           doubt, and the checkpoint costs one write per wave
 * @param maxInFlight        concurrent requests per bot: enough to reach 1,000/s at ~100 ms Telegram latency
 * @param transientAttempts  tries per recipient and delivery for 5xx/network errors before leaving it to redelivery
 * @param backoffBase        first retry delay (doubling, with full jitter)
 * @param safetyMargin       stop launching waves when less than this remains of the invocation
 */
public record SendSettings(double waveSeconds, int maxInFlight, int transientAttempts, Duration backoffBase,
                           Duration safetyMargin) {

    public static final SendSettings DEFAULTS = new SendSettings(2.0, 256, 4, Duration.ofMillis(200), Duration.ofSeconds(10));

    int waveSize(double ratePerSecond) {
        return (int) Math.max(1, Math.min(SendBatch.MAX_RECIPIENTS, Math.round(ratePerSecond * waveSeconds)));
    }
}
