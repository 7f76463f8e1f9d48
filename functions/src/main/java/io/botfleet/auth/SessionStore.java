package io.botfleet.auth;

import java.time.Instant;
import java.util.Optional;

/** Refresh-token families: one per sign-in on one device. Implemented on DynamoDB by {@link DynamoSessionStore}. */
public interface SessionStore {
    /** Spent refresh-token hashes kept per family for reuse detection (older ones are merely invalid). */
    int SPENT_HASHES_KEPT = 16;

    /** What {@link #rotateRefreshToken} found. */
    enum Rotation { ROTATED, REUSE_DETECTED, INVALID }

    /** A user and, if it exists, one of their sessions. */
    record UserSession(User user, Optional<Session> session) {}

    void createSession(Session session);

    /**
     * The user and one of their sessions in one round trip (the per-request check of an access token); empty if the
     * user does not exist.
     */
    Optional<UserSession> userSession(String userId, String familyId);

    /**
     * Replaces the family's token hash if {@code presentedHash} is current and the family is live; if it is a spent
     * hash of the family, or another rotation of the same hash won the race, revokes the family (theft: someone used a
     * token that was already rotated).
     */
    Rotation rotateRefreshToken(String userId, String familyId, String presentedHash, String newHash, Instant now);

    /** Revokes one family; absent or already revoked is fine. */
    void revokeSession(String userId, String familyId, Instant now);

    void revokeAllSessions(String userId, Instant now);
}
