package io.botfleet.api;

import io.botfleet.auth.ApiKey;
import io.botfleet.auth.Invite;
import io.botfleet.auth.SignIn;
import io.botfleet.auth.User;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** What the API shows of accounts: never hashes, never secrets (except a new key's token, once, elsewhere). */
public final class Views {
    private Views() {}

    public record UserView(String userId, String email, String displayName, String role, List<String> botIds,
                           String status, Instant createdAt, Instant lastLoginAt) {
        public static UserView of(User u) {
            return new UserView(u.userId(), u.email(), u.displayName(), lower(u.role()), sorted(u.botIds()),
                    lower(u.status()), u.createdAt(), u.lastLoginAt());
        }
    }

    public record InviteView(String inviteId, String email, String role, List<String> botIds, String invitedBy,
                             Instant createdAt, Instant expiresAt) {
        public static InviteView of(Invite i) {
            return new InviteView(i.inviteId(), i.email(), lower(i.role()), sorted(i.botIds()), i.invitedBy(),
                    i.createdAt(), i.expiresAt());
        }
    }

    public record ApiKeyView(String prefix, String name, String role, List<String> scopes, List<String> botIds,
                             String createdBy, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                             Instant revokedAt) {
        public static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.prefix(), k.name(), lower(k.role()),
                    k.scopes().stream().map(Views::lower).sorted().toList(), sorted(k.botIds()), k.createdBy(),
                    k.createdAt(), k.lastUsedAt(), k.expiresAt(), k.revokedAt());
        }
    }

    public record TokenView(String tokenType, String accessToken, long expiresIn, Instant accessTokenExpiresAt,
                            String refreshToken, Instant refreshTokenExpiresAt, UserView user) {
        public static TokenView of(SignIn.Tokens t, Instant now) {
            return new TokenView("Bearer", t.accessToken(),
                    Math.max(0, java.time.Duration.between(now, t.accessTokenExpiresAt()).toSeconds()),
                    t.accessTokenExpiresAt(), t.refreshToken(), t.refreshTokenExpiresAt(), UserView.of(t.user()));
        }

        @Override
        public String toString() {
            return "TokenView[redacted]";
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static List<String> sorted(java.util.Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
