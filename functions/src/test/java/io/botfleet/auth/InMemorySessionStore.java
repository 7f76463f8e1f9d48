package io.botfleet.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refresh-token families in memory with {@link DynamoSessionStore}'s rules: a rotation needs the current hash of a
 * live family; a spent hash (one of the last {@link #SPENT_HASHES_KEPT}) revokes the family. Rotation holds the lock
 * from read to write, so of two concurrent refreshes with one token the second finds it spent: reuse, as the table's
 * lost conditional update is.
 */
public final class InMemorySessionStore implements SessionStore {
    private record Family(Session session, List<String> spentHashes) {}

    private final UserStore users;
    private final Map<String, Family> families = new HashMap<>();

    public InMemorySessionStore(UserStore users) {
        this.users = users;
    }

    @Override
    public synchronized void createSession(Session s) {
        if (families.containsKey(key(s.userId(), s.familyId()))) {
            throw new IllegalStateException("session exists: " + s);
        }
        // the table keeps expiry in epoch seconds (it is the TTL attribute): what is read back is truncated
        Session stored = new Session(s.userId(), s.familyId(), s.tokenHash(), s.generation(), s.createdAt(),
                s.lastUsedAt(), Instant.ofEpochSecond(s.expiresAt().getEpochSecond()), s.revokedAt(), s.ip(), s.userAgent());
        families.put(key(s.userId(), s.familyId()), new Family(stored, List.of()));
    }

    @Override
    public synchronized Optional<UserSession> userSession(String userId, String familyId) {
        return users.userById(userId).map(u -> new UserSession(u,
                Optional.ofNullable(families.get(key(userId, familyId))).map(Family::session)));
    }

    @Override
    public synchronized Rotation rotateRefreshToken(String userId, String familyId, String presentedHash, String newHash,
                                                    Instant now) {
        Family family = families.get(key(userId, familyId));
        if (family == null || !family.session().liveAt(now)) {
            return Rotation.INVALID;
        }
        Session s = family.session();
        if (s.tokenHash().equals(presentedHash)) {
            List<String> spent = new ArrayList<>();
            spent.add(presentedHash);
            family.spentHashes().stream().limit(SPENT_HASHES_KEPT - 1).forEach(spent::add);
            families.put(key(userId, familyId), new Family(new Session(s.userId(), s.familyId(), newHash,
                    s.generation() + 1, s.createdAt(), now, s.expiresAt(), null, s.ip(), s.userAgent()), List.copyOf(spent)));
            return Rotation.ROTATED;
        }
        if (family.spentHashes().contains(presentedHash)) {
            revokeSession(userId, familyId, now);
            return Rotation.REUSE_DETECTED;
        }
        return Rotation.INVALID;
    }

    @Override
    public synchronized void revokeSession(String userId, String familyId, Instant now) {
        families.computeIfPresent(key(userId, familyId), (k, f) -> f.session().revokedAt() != null ? f
                : new Family(withRevokedAt(f.session(), now), f.spentHashes()));
    }

    @Override
    public synchronized void revokeAllSessions(String userId, Instant now) {
        families.values().stream().filter(f -> f.session().userId().equals(userId)).map(f -> f.session().familyId())
                .toList().forEach(id -> revokeSession(userId, id, now));
    }

    /** Every family of a user, revoked ones included (what a test reads to see what was ended). */
    public synchronized List<Session> sessionsOf(String userId) {
        return families.values().stream().map(Family::session).filter(s -> s.userId().equals(userId)).toList();
    }

    private static Session withRevokedAt(Session s, Instant at) {
        return new Session(s.userId(), s.familyId(), s.tokenHash(), s.generation(), s.createdAt(), s.lastUsedAt(),
                s.expiresAt(), at, s.ip(), s.userAgent());
    }

    private static String key(String userId, String familyId) {
        return userId + "/" + familyId;
    }
}
