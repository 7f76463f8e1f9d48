package io.botfleet.telegram.emulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One bot's send limits: a sliding one-second window for the bot (the paid limit for paid broadcasts), a
 * one-minute window per group, and an allowance per private chat. A send is admitted and recorded everywhere
 * atomically, so rejected sends never count.
 *
 * <p>Per private chat Telegram asks for at most one message per second but "may allow short bursts that go over
 * this limit, but eventually you'll begin receiving 429 errors" (Bots FAQ). The rule here: a chat holds up to
 * {@code max(perChatBurst, perChatPerSecond)} sends (3 by default) and regains one every
 * {@code 1 s / perChatPerSecond}. So a bot may answer a user with three quick messages, a fourth in the same second
 * gets 429, and a client pacing at one per second never does.
 *
 * <p>Windows (and the allowance's refill) are a little shorter than nominal: request arrival times jitter by a few
 * milliseconds, and without slack a client pacing at exactly the limit would see spurious 429s. The slack is small
 * enough that pacing at 31/s against a 30/s limit still gets 429s.
 */
final class SendRateLimiter {

    static final Duration ARRIVAL_JITTER_SLACK = Duration.ofMillis(20);
    private static final long SECOND = Duration.ofSeconds(1).minus(ARRIVAL_JITTER_SLACK).toNanos();
    private static final long MINUTE = Duration.ofMinutes(1).minus(ARRIVAL_JITTER_SLACK).toNanos();

    private final SlidingWindow botWindow = new SlidingWindow(SECOND, Limits.TELEGRAM_DEFAULTS.paidPerSecond());
    private final Map<Long, SlidingWindow> groupWindows = new HashMap<>();
    private final Map<Long, ChatAllowance> chatAllowances = new HashMap<>();

    /** Zero when the send is admitted (and counted), otherwise the nanoseconds until it would be. */
    synchronized long tryAcquire(long chatId, boolean paidBroadcast, Limits limits, long now) {
        int botLimit = paidBroadcast ? limits.paidPerSecond() : limits.perBotPerSecond();
        long botWait = botWindow.nanosUntilFree(now, botLimit);
        if (chatId < 0) {
            SlidingWindow group = groupWindows.computeIfAbsent(chatId,
                    id -> new SlidingWindow(MINUTE, limits.perGroupPerMinute()));
            long wait = Math.max(botWait, group.nanosUntilFree(now, limits.perGroupPerMinute()));
            if (wait == 0) {
                botWindow.record(now);
                group.record(now);
            }
            return wait;
        }
        ChatAllowance chat = chatAllowances.computeIfAbsent(chatId, id -> new ChatAllowance());
        int capacity = Math.max(limits.perChatBurst(), limits.perChatPerSecond());
        long refill = SECOND / limits.perChatPerSecond();
        long wait = Math.max(botWait, chat.nanosUntilFree(now, refill, capacity));
        if (wait == 0) {
            botWindow.record(now);
            chat.take(refill);
        }
        return wait;
    }

    static int retryAfterSeconds(long waitNanos) {
        return (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
