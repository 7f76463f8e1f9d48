package io.botfleet.broadcast.send;

/** What the sender records on a bot when Telegram's answers say something about the bot itself. */
public interface BotFlags {

    /**
     * Telegram refused the bot's token (401). {@code tokenMask} names the token that was refused, so a token replaced
     * meanwhile is not flagged.
     */
    void tokenRevoked(String botId, String tokenMask);
}
