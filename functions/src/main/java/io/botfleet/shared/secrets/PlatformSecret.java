package io.botfleet.shared.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * Reads the platform secret through Powertools' cached provider, so a warm function does not call Secrets Manager
 * on every request, and derives the keys from it.
 */
public final class PlatformSecret implements Supplier<PlatformKeys> {
    private final SecretsProvider provider;
    private final String secretId;
    private volatile String cachedSeed;
    private volatile PlatformKeys cachedKeys;

    public PlatformSecret(SecretsManagerClient client, String secretId) {
        this.provider = SecretsProvider.builder().withClient(client).build();
        this.secretId = secretId;
    }

    @Override
    public PlatformKeys get() {
        String json = provider.withMaxAge(15, ChronoUnit.MINUTES).get(secretId);
        String seed;
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            seed = node.path("seed").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("the platform secret is not JSON", e);
        }
        if (!java.util.Objects.equals(seed, cachedSeed)) {
            cachedKeys = PlatformKeys.fromSeed(seed);
            cachedSeed = seed;
        }
        return cachedKeys;
    }
}
