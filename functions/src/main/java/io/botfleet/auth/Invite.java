package io.botfleet.auth;

import java.time.Instant;
import java.util.Set;

/** A single-use invitation for an e-mail address to join with a role; the link's secret is stored hashed. */
public record Invite(String inviteId, String email, Role role, Set<String> botIds, String secretHash,
                     String invitedBy, Instant createdAt, Instant expiresAt, Instant acceptedAt) {

    public Invite {
        botIds = Set.copyOf(botIds);
    }

    @Override
    public String toString() {
        return "Invite[" + inviteId + ", " + role + "]";
    }
}
