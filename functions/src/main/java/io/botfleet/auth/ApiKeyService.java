package io.botfleet.auth;

import io.botfleet.shared.errors.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API keys for automation: {@code bfk_<prefix>_<secret>} with a 12-character prefix (shown in lists) and a 256-bit
 * secret (shown once). Scopes are a subset of the creator's permissions, never user or key management or raw data; a
 * key may also be limited to some bots. Only signed-in users create keys (a key cannot mint keys).
 */
public final class ApiKeyService {
    public static final String TOKEN_PREFIX = "bfk_";
    static final int PREFIX_LENGTH = 12;
    /**
     * Permissions a key can never hold: keys must not be able to create users or more keys, and the raw data viewer
     * and backups (every table, out and in) are for the owner in person.
     */
    public static final Set<Permission> NOT_FOR_KEYS = EnumSet.of(Permission.USERS_MANAGE, Permission.API_KEYS_MANAGE,
            Permission.RAW_DATA_READ, Permission.BACKUPS);
    private static final Pattern FORMAT = Pattern.compile("bfk_([a-z2-7]{12})_([A-Za-z0-9_-]{43})");
    private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(5);

    /** A new key with its full token (shown once). */
    public record CreatedKey(ApiKey key, String token) {
        @Override
        public String toString() {
            return "CreatedKey[" + key.prefix() + "]";
        }
    }

    private final ApiKeyStore store;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static boolean looksLikeKey(String token) {
        return token.startsWith(TOKEN_PREFIX);
    }

    public CreatedKey create(Principal creator, String name, Set<Permission> scopes, Set<String> botIds, Duration lifetime) {
        if (creator.kind() != Principal.Kind.USER) {
            throw Refusal.forbidden("FORBIDDEN", "API keys cannot create API keys; sign in as a user");
        }
        for (Permission scope : scopes) {
            if (NOT_FOR_KEYS.contains(scope) || !creator.can(scope)) {
                throw Refusal.invalidFields(List.of(new Refusal.FieldError("scopes", "NOT_ALLOWED",
                        "cannot include " + scope.name().toLowerCase())));
            }
        }
        if (creator.scoped() && (botIds.isEmpty() || !creator.botScope().containsAll(botIds))) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("botIds", "NOT_ALLOWED",
                    "must be within your own bots")));
        }
        Instant now = clock.instant();
        String prefix = Secrets.randomBase32(PREFIX_LENGTH);
        String secret = Secrets.randomToken();
        ApiKey key = new ApiKey(prefix, name, Secrets.sha256(secret), creator.role(), scopes, botIds, creator.id(), now,
                null, lifetime == null ? null : now.plus(lifetime), null);
        store.createApiKey(key);
        return new CreatedKey(key, TOKEN_PREFIX + prefix + "_" + secret);
    }

    public List<ApiKey> list() {
        return store.listApiKeys();
    }

    public void revoke(String prefix) {
        if (!store.revokeApiKey(prefix, clock.instant())) {
            throw Refusal.notFound("API_KEY_NOT_FOUND", "No API key " + prefix);
        }
    }

    /** The principal of a presented key, or empty if the key is unknown, revoked, expired or wrong. */
    public Optional<Principal> authenticate(String token) {
        var m = FORMAT.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiKey> found = store.apiKey(m.group(1));
        String presented = Secrets.sha256(m.group(2));
        if (found.isEmpty() || !Secrets.constantTimeEquals(found.get().secretHash(), presented) || !found.get().usableAt(now)) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        store.touchApiKey(key.prefix(), now, TOUCH_GRANULARITY);
        Set<Permission> effective = EnumSet.noneOf(Permission.class);
        effective.add(Permission.AUTHENTICATED);
        key.scopes().stream().filter(p -> key.role().permissions().contains(p) && !NOT_FOR_KEYS.contains(p))
                .forEach(effective::add);
        return Optional.of(new Principal(Principal.Kind.API_KEY, key.prefix(), key.name(), key.role(), effective,
                key.botIds(), null));
    }
}
