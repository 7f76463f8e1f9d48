package io.botfleet.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.JsonStreams;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The webhook's copy of the platform keys: one {@code GetSecretValue}, started in the background while the function
 * initialises (so it overlaps with the other clients' start-up), then cached for 15 minutes. Lighter than the
 * Powertools provider the other functions use, which matters on the cold-start path.
 */
public final class SecretsManagerWebhookKeys implements Supplier<PlatformKeys> {
    static final Duration MAX_AGE = Duration.ofMinutes(15);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Clock clock;
    private volatile CompletableFuture<PlatformKeys> keys;
    private volatile Instant loadedAt;

    public SecretsManagerWebhookKeys(SecretsManagerClient client, String secretId, Clock clock) {
        this.client = client;
        this.secretId = secretId;
        this.clock = clock;
        this.loadedAt = clock.instant();
        this.keys = CompletableFuture.supplyAsync(this::load, r -> Thread.ofVirtual().start(r));
    }

    private PlatformKeys load() {
        String json = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        try {
            JsonNode node = JsonStreams.readTree(json);
            return PlatformKeys.fromSeed(node.path("seed").asText(null));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the platform secret is not JSON");
        }
    }

    @Override
    public PlatformKeys get() {
        if (Duration.between(loadedAt, clock.instant()).compareTo(MAX_AGE) > 0) {
            loadedAt = clock.instant();
            keys = CompletableFuture.completedFuture(load());
        }
        try {
            return keys.join();
        } catch (RuntimeException e) {
            // a failed load is retried on the next request
            keys = CompletableFuture.supplyAsync(this::load, r -> Thread.ofVirtual().start(r));
            throw e;
        }
    }
}
