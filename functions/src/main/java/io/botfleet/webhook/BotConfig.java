package io.botfleet.webhook;

import io.botfleet.bots.Bot;
import io.botfleet.ownership.Fence;

/** What the webhook needs to know about a bot: its replies and who owns it at which epoch. */
public record BotConfig(String botId, String status, Bot.Replies replies, String ownerId, long epoch) {

    public Fence fence() {
        return new Fence(botId, ownerId, epoch);
    }
}
