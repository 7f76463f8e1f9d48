package io.botfleet.broadcast.send;

/**
 * What the sender needs to know about a bot. {@code token} is secret: this record never prints it.
 *
 * @param ratePerSecond     the free-rate pace (Telegram: about 30/s)
 * @param paidRatePerSecond the pace with {@code allow_paid_broadcast} (up to 1,000/s), 0 if the bot has no paid broadcasts
 */
public record BotSendProfile(String botId, String token, double ratePerSecond, double paidRatePerSecond) {
    @Override
    public String toString() {
        return "BotSendProfile[botId=" + botId + ", rate=" + ratePerSecond + ", paidRate=" + paidRatePerSecond + "]";
    }
}
