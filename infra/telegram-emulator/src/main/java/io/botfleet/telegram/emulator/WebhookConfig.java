package io.botfleet.telegram.emulator;

import java.util.List;

/** A bot's webhook as set by setWebhook; {@code secretToken} is null when none was given. */
record WebhookConfig(String url, String secretToken, int maxConnections, List<String> allowedUpdates) {
}
