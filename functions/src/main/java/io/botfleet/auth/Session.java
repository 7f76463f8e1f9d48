package io.botfleet.auth;

import java.time.Instant;

/** A refresh-token family: one sign-in on one device. Only the hash of the current refresh token is stored. */
public record Session(String userId, String familyId, String tokenHash, long generation, Instant createdAt,
                      Instant lastUsedAt, Instant expiresAt, Instant revokedAt, String ip, String userAgent) {

    public boolean liveAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "Session[" + userId + "/" + familyId + ", gen " + generation + "]";
    }
}
