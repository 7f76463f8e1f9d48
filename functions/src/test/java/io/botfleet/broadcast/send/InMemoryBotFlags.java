package io.botfleet.broadcast.send;

import java.util.ArrayList;
import java.util.List;

/** The sender's flags on bots, recorded: which bot's token was refused, and which token it was. */
public final class InMemoryBotFlags implements BotFlags {

    public record TokenRevoked(String botId, String tokenMask) {}

    private final List<TokenRevoked> revoked = new ArrayList<>();

    @Override
    public synchronized void tokenRevoked(String botId, String tokenMask) {
        revoked.add(new TokenRevoked(botId, tokenMask));
    }

    public synchronized List<TokenRevoked> revoked() {
        return List.copyOf(revoked);
    }
}
