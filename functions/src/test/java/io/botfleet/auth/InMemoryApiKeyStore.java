package io.botfleet.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys in memory with {@link DynamoApiKeyStore}'s rules: a prefix is created once, revocation keeps the first
 * revocation time, use is recorded at most once per granularity.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, ApiKey> keys = new HashMap<>();

    @Override
    public synchronized void createApiKey(ApiKey key) {
        if (keys.putIfAbsent(key.prefix(), key) != null) {
            throw new IllegalStateException("API key exists: " + key);
        }
    }

    @Override
    public synchronized Optional<ApiKey> apiKey(String prefix) {
        return Optional.ofNullable(keys.get(prefix));
    }

    /** Newest first by the index's sort key, {@code <createdAt>#<prefix>}. */
    @Override
    public synchronized List<ApiKey> listApiKeys() {
        return keys.values().stream()
                .sorted(Comparator.comparing((ApiKey k) -> k.createdAt() + "#" + k.prefix()).reversed()).toList();
    }

    @Override
    public synchronized boolean revokeApiKey(String prefix, Instant now) {
        ApiKey k = keys.get(prefix);
        if (k == null) {
            return false;
        }
        keys.put(prefix, with(k, k.lastUsedAt(), k.revokedAt() == null ? now : k.revokedAt()));
        return true;
    }

    @Override
    public synchronized void touchApiKey(String prefix, Instant now, Duration granularity) {
        ApiKey k = keys.get(prefix);
        if (k != null && (k.lastUsedAt() == null || k.lastUsedAt().isBefore(now.minus(granularity)))) {
            keys.put(prefix, with(k, now, k.revokedAt()));
        }
    }

    private static ApiKey with(ApiKey k, Instant lastUsedAt, Instant revokedAt) {
        return new ApiKey(k.prefix(), k.name(), k.secretHash(), k.role(), k.scopes(), k.botIds(), k.createdBy(),
                k.createdAt(), lastUsedAt, k.expiresAt(), revokedAt);
    }
}
