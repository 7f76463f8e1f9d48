package io.botfleet.webhook;

import io.botfleet.shared.json.JsonObjects;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The webhook's copy of the platform keys: one {@code GetSecretValue} when first needed, then cached for 15 minutes.
 * The client is built then too: a webhook whose bots have their secret hashes stored verifies updates without the
 * key, and only a click code or the moment after a fail-over needs it, so most cold starts never build it. Lighter
 * than the Powertools provider the other functions use, which matters on the cold-start path.
 */
public final class SecretsManagerWebhookKeys implements Supplier<PlatformKeys> {
    static final Duration MAX_AGE = Duration.ofMinutes(15);

    private final Supplier<SecretsManagerClient> clients;
    private final String secretId;
    private final Clock clock;
    private SecretsManagerClient client;
    private PlatformKeys keys;
    private Instant loadedAt;

    public SecretsManagerWebhookKeys(Supplier<SecretsManagerClient> clients, String secretId, Clock clock) {
        this.clients = clients;
        this.secretId = secretId;
        this.clock = clock;
    }

    @Override
    public synchronized PlatformKeys get() {
        Instant now = clock.instant();
        if (keys == null || Duration.between(loadedAt, now).compareTo(MAX_AGE) > 0) {
            // a failed load leaves the old keys (or none) in place: the next request tries again
            keys = load();
            loadedAt = now;
        }
        return keys;
    }

    private PlatformKeys load() {
        if (client == null) {
            client = clients.get();
        }
        String json = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        try {
            return PlatformKeys.fromSeed(JsonObjects.text(JsonObjects.parse(json), "seed").orElse(null));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the platform secret is not JSON");
        }
    }
}
