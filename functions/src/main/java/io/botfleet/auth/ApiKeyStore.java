package io.botfleet.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys by prefix, newest first in lists. Implemented on DynamoDB by {@link DynamoApiKeyStore}. */
public interface ApiKeyStore {

    void createApiKey(ApiKey key);

    Optional<ApiKey> apiKey(String prefix);

    /** Every key, revoked and expired ones included, newest first. */
    List<ApiKey> listApiKeys();

    /** @return false if there is no such key */
    boolean revokeApiKey(String prefix, Instant now);

    /** Records use at most once per {@code granularity}; cheap to call on every request. */
    void touchApiKey(String prefix, Instant now, Duration granularity);
}
