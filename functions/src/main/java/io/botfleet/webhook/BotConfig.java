package io.botfleet.webhook;

import io.botfleet.bots.Bot;
import io.botfleet.ownership.Fence;
import java.util.Optional;

/**
 * What the webhook needs to know about a bot: its replies, who owns it at which epoch, and the hash of that epoch's
 * webhook secret when the owner has stored it (absent until the webhook is pointed after the epoch moved).
 */
public record BotConfig(String botId, String status, Bot.Replies replies, String ownerId, long epoch, Optional<String> secretHash) {

    public Fence fence() {
        return new Fence(botId, ownerId, epoch);
    }
}
