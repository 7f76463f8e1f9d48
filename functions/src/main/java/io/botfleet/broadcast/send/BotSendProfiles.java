package io.botfleet.broadcast.send;

import java.util.Optional;

/** Looks up a bot's decrypted token and pace for sending. */
public interface BotSendProfiles {
    Optional<BotSendProfile> forBot(String botId);
}
