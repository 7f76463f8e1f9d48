package io.botfleet.auth;

import java.time.Instant;
import java.util.Set;

/**
 * An API key for automation: {@code bfk_<prefix>_<secret>}. Only the SHA-256 of the secret is stored. {@code scopes}
 * is a subset of the creating user's permissions; {@code botIds} empty means every bot.
 */
public record ApiKey(String prefix, String name, String secretHash, Role role, Set<Permission> scopes,
                     Set<String> botIds, String createdBy, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                     Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
        botIds = Set.copyOf(botIds);
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    @Override
    public String toString() {
        return "ApiKey[" + prefix + "]";
    }
}
