package io.botfleet.telegram.emulator;

/**
 * Send-rate limits the emulator enforces for one bot, answering 429 with {@code retry_after} when exceeded.
 *
 * @param perBotPerSecond   messages per second across all chats (Telegram: about 30)
 * @param paidPerSecond     messages per second for sends with {@code allow_paid_broadcast=true} (Telegram: 1,000)
 * @param perChatPerSecond  messages per second to one private chat, sustained (Telegram: about 1)
 * @param perGroupPerMinute messages per minute to one group (Telegram: 20)
 * @param perChatBurst      messages one private chat takes at once before the per-second rate applies; Telegram
 *                          "may allow short bursts" over its one-per-second rule without saying how long, the
 *                          emulator allows 3 by default (see {@link SendRateLimiter})
 */
public record Limits(int perBotPerSecond, int paidPerSecond, int perChatPerSecond, int perGroupPerMinute,
                     int perChatBurst) {

    public static final int DEFAULT_PER_CHAT_BURST = 3;
    public static final Limits TELEGRAM_DEFAULTS = new Limits(30, 1000, 1, 20, DEFAULT_PER_CHAT_BURST);

    public Limits {
        if (perBotPerSecond < 1 || paidPerSecond < 1 || perChatPerSecond < 1 || perGroupPerMinute < 1 || perChatBurst < 1) {
            throw new IllegalArgumentException("every limit must be at least 1: " + perBotPerSecond + ", "
                    + paidPerSecond + ", " + perChatPerSecond + ", " + perGroupPerMinute + ", " + perChatBurst);
        }
    }

    /** With the default per-chat burst. */
    public Limits(int perBotPerSecond, int paidPerSecond, int perChatPerSecond, int perGroupPerMinute) {
        this(perBotPerSecond, paidPerSecond, perChatPerSecond, perGroupPerMinute, DEFAULT_PER_CHAT_BURST);
    }
}
