package io.botfleet.auth;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invites in memory with {@link DynamoInviteStore}'s rules: accepted once, with the right secret, before expiry, and
 * only together with the new user behind its e-mail guard (both under the {@link InMemoryUserStore}'s lock, as the
 * table's transaction); withdrawn only while pending.
 */
public final class InMemoryInviteStore implements InviteStore {
    private final InMemoryUserStore users;
    private final Map<String, Invite> invites = new HashMap<>();

    public InMemoryInviteStore(InMemoryUserStore users) {
        this.users = users;
    }

    @Override
    public synchronized void createInvite(Invite i) {
        // the table keeps expiry in epoch seconds (it is the TTL attribute): what is read back is truncated
        Invite stored = new Invite(i.inviteId(), i.email(), i.role(), i.botIds(), i.secretHash(), i.invitedBy(),
                i.createdAt(), Instant.ofEpochSecond(i.expiresAt().getEpochSecond()), i.acceptedAt());
        if (invites.putIfAbsent(i.inviteId(), stored) != null) {
            throw new IllegalStateException("invite exists: " + i);
        }
    }

    @Override
    public synchronized Optional<Invite> invite(String inviteId) {
        return Optional.ofNullable(invites.get(inviteId));
    }

    /** Not yet accepted, newest first: accepting takes an invite off the table's index. */
    @Override
    public synchronized List<Invite> listInvites() {
        return invites.values().stream().filter(i -> i.acceptedAt() == null)
                .sorted(Comparator.comparing((Invite i) -> i.createdAt() + "#" + i.inviteId()).reversed()).toList();
    }

    @Override
    public synchronized boolean deleteInvite(String inviteId) {
        Invite i = invites.get(inviteId);
        if (i == null || i.acceptedAt() != null) {
            return false;
        }
        invites.remove(inviteId);
        return true;
    }

    @Override
    public void acceptInvite(String inviteId, String secretHash, User user, Instant now) {
        users.atomically(() -> {
            synchronized (this) {
                Invite i = invites.get(inviteId);
                // the invite is the transaction's first item, so its failure is the reason given when both fail
                if (i == null || i.acceptedAt() != null || !i.secretHash().equals(secretHash)
                        || i.expiresAt().getEpochSecond() <= now.getEpochSecond()) {
                    throw new ConflictException(ConflictException.Reason.INVITE_INVALID);
                }
                users.insert(user);
                invites.put(inviteId, new Invite(i.inviteId(), i.email(), i.role(), i.botIds(), i.secretHash(),
                        i.invitedBy(), i.createdAt(), i.expiresAt(), now));
            }
        });
    }
}
