package io.botfleet.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, sessions, API keys, invites and the first-start state. Implemented on DynamoDB by {@link DynamoAccountStore}. */
public interface AccountStore {

    /** A write lost a race or hit a uniqueness guard. */
    final class ConflictException extends RuntimeException {
        public enum Reason { SETUP_DONE, EMAIL_TAKEN, INVITE_INVALID, VERSION_MISMATCH }

        private final Reason reason;

        public ConflictException(Reason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** What {@link #rotateRefreshToken} found. */
    enum Rotation { ROTATED, REUSE_DETECTED, INVALID }

    boolean setupCompleted();

    /** Creates the first owner and marks setup complete, atomically; {@link ConflictException} SETUP_DONE if done. */
    void createOwner(User owner, Instant now);

    Optional<User> userById(String userId);

    Optional<User> userByEmail(String emailLowercase);

    List<User> listUsers();

    /** Replaces role, bot scope, status, display name and password hash if the stored version is {@code user.version()}. */
    User updateUser(User user);

    void recordLogin(String userId, Instant at);

    void createSession(Session session);

    /** The user and one of their sessions in one round trip (the per-request check of an access token). */
    Optional<UserSession> userSession(String userId, String familyId);

    record UserSession(User user, Optional<Session> session) {}

    /**
     * Replaces the family's token hash if {@code presentedHash} is current; if it is a spent hash of the family, revokes
     * the family (theft: someone used a token that was already rotated).
     */
    Rotation rotateRefreshToken(String userId, String familyId, String presentedHash, String newHash, Instant now);

    void revokeSession(String userId, String familyId, Instant now);

    void revokeAllSessions(String userId, Instant now);

    void createApiKey(ApiKey key);

    Optional<ApiKey> apiKey(String prefix);

    List<ApiKey> listApiKeys();

    /** @return false if there is no such key */
    boolean revokeApiKey(String prefix, Instant now);

    /** Records use at most once per {@code granularity}; cheap to call on every request. */
    void touchApiKey(String prefix, Instant now, java.time.Duration granularity);

    void createInvite(Invite invite);

    Optional<Invite> invite(String inviteId);

    List<Invite> listInvites();

    /** @return false if there is no such pending invite */
    boolean deleteInvite(String inviteId);

    /**
     * Marks the invite accepted and creates the user with the e-mail guard in one transaction; {@link ConflictException}
     * INVITE_INVALID (wrong secret, used, expired) or EMAIL_TAKEN.
     */
    void acceptInvite(String inviteId, String secretHash, User user, Instant now);
}
