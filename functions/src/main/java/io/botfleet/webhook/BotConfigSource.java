package io.botfleet.webhook;

import java.util.Optional;

/** Loads a bot's webhook configuration (profile + lease) in one read; empty for unknown or unowned bots. */
@FunctionalInterface
public interface BotConfigSource {
    Optional<BotConfig> load(String botId);
}
