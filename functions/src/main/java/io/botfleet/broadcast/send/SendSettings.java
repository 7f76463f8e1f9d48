package io.botfleet.broadcast.send;

import java.time.Duration;

/**
 * Tunables of the sender.
 *
 * @param waveSeconds        how much sending one ledger checkpoint covers (at most a batch): the checkpoint costs one
 *                           write per wave, and a crash leaves at most {@link BatchSender#OPEN_BATCHES} waves in doubt
 * @param maxInFlight        concurrent requests per bot: enough to reach 1,000/s at ~100 ms Telegram latency
 * @param transientAttempts  tries per recipient and delivery for 5xx/network errors before leaving it to redelivery
 * @param backoffBase        first retry delay (doubling, with full jitter)
 * @param safetyMargin       stop launching waves when less than this remains of the invocation
 */
public record SendSettings(double waveSeconds, int maxInFlight, int transientAttempts, Duration backoffBase,
                           Duration safetyMargin) {

    /**
     * Waves of 3.5 s: at the free 30/s a wave is the whole batch of 100, at 1,000/s the whole batch of 1,000, so a
     * batch costs one checkpoint and one counted save; the in-doubt bound is counted in open batches.
     */
    public static final SendSettings DEFAULTS = new SendSettings(3.5, 256, 4, Duration.ofMillis(200), Duration.ofSeconds(10));

    int waveSize(double ratePerSecond) {
        return (int) Math.max(1, Math.min(SendBatch.MAX_RECIPIENTS, Math.round(ratePerSecond * waveSeconds)));
    }
}
