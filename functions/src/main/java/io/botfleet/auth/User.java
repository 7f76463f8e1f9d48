package io.botfleet.auth;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** A team member. {@code botIds} empty means every bot; only editors and analysts may be restricted. */
public record User(String userId, String email, String displayName, Role role, Set<String> botIds, Status status,
                   String passwordHash, Instant createdAt, Instant lastLoginAt, long version) {

    public enum Status { ACTIVE, DISABLED }

    public User {
        botIds = Set.copyOf(botIds);
    }

    /** The form addresses are stored, compared and looked up in: trimmed, lower case. */
    static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public User withPasswordHash(String hash) {
        return new User(userId, email, displayName, role, botIds, status, hash, createdAt, lastLoginAt, version);
    }

    @Override
    public String toString() {
        return "User[" + userId + ", " + role + ", " + status + "]";
    }
}
