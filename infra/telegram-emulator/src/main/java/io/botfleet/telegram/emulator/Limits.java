package io.botfleet.telegram.emulator;

/**
 * Send-rate limits the emulator enforces for one bot, answering 429 with {@code retry_after} when exceeded.
 *
 * @param perBotPerSecond   messages per second across all chats (Telegram: about 30)
 * @param paidPerSecond     messages per second for sends with {@code allow_paid_broadcast=true} (Telegram: 1,000)
 * @param perChatPerSecond  messages per second to one private chat (Telegram: about 1)
 * @param perGroupPerMinute messages per minute to one group (Telegram: 20)
 */
public record Limits(int perBotPerSecond, int paidPerSecond, int perChatPerSecond, int perGroupPerMinute) {

    public static final Limits TELEGRAM_DEFAULTS = new Limits(30, 1000, 1, 20);

    public Limits {
        if (perBotPerSecond < 1 || paidPerSecond < 1 || perChatPerSecond < 1 || perGroupPerMinute < 1) {
            throw new IllegalArgumentException("every limit must be at least 1: " + perBotPerSecond + ", "
                    + paidPerSecond + ", " + perChatPerSecond + ", " + perGroupPerMinute);
        }
    }
}
