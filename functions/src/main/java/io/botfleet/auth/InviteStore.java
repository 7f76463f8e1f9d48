package io.botfleet.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Single-use invitations, and the user each one becomes. Implemented on DynamoDB by {@link DynamoInviteStore}. */
public interface InviteStore {

    void createInvite(Invite invite);

    Optional<Invite> invite(String inviteId);

    /** Invites not yet accepted (expired ones included), newest first. */
    List<Invite> listInvites();

    /** @return false if there is no such pending invite */
    boolean deleteInvite(String inviteId);

    /**
     * Marks the invite accepted and creates the user behind the e-mail guard in one transaction;
     * {@link ConflictException} INVITE_INVALID (wrong secret, used, withdrawn, expired) or EMAIL_TAKEN.
     */
    void acceptInvite(String inviteId, String secretHash, User user, Instant now);
}
