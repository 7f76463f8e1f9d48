package io.botfleet.telegram.emulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One bot's send limits: a sliding one-second window for the bot (the paid limit for paid broadcasts), one per
 * private chat, and a one-minute window per group. A send is admitted and recorded in every window atomically,
 * so rejected sends never count.
 *
 * <p>Windows are a little shorter than nominal: request arrival times jitter by a few milliseconds, and without
 * slack a client pacing at exactly the limit would see spurious 429s. The slack is small enough that pacing at
 * 31/s against a 30/s limit still gets 429s.
 */
final class SendRateLimiter {

    static final Duration ARRIVAL_JITTER_SLACK = Duration.ofMillis(20);
    private static final long SECOND = Duration.ofSeconds(1).minus(ARRIVAL_JITTER_SLACK).toNanos();
    private static final long MINUTE = Duration.ofMinutes(1).minus(ARRIVAL_JITTER_SLACK).toNanos();

    private final SlidingWindow botWindow = new SlidingWindow(SECOND, Limits.TELEGRAM_DEFAULTS.paidPerSecond());
    private final Map<Long, SlidingWindow> chatWindows = new HashMap<>();

    /** Zero when the send is admitted (and counted), otherwise the nanoseconds until it would be. */
    synchronized long tryAcquire(long chatId, boolean paidBroadcast, Limits limits, long now) {
        int botLimit = paidBroadcast ? limits.paidPerSecond() : limits.perBotPerSecond();
        boolean group = chatId < 0;
        int chatLimit = group ? limits.perGroupPerMinute() : limits.perChatPerSecond();
        SlidingWindow chatWindow = chatWindows.computeIfAbsent(chatId,
                id -> new SlidingWindow(group ? MINUTE : SECOND, chatLimit));
        long wait = Math.max(botWindow.nanosUntilFree(now, botLimit), chatWindow.nanosUntilFree(now, chatLimit));
        if (wait == 0) {
            botWindow.record(now);
            chatWindow.record(now);
        }
        return wait;
    }

    static int retryAfterSeconds(long waitNanos) {
        return (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
