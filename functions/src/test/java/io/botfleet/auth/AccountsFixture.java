package io.botfleet.auth;

import io.botfleet.shared.ids.Ulid;
import io.botfleet.shared.time.TestClock;
import java.util.Set;

/**
 * What the sign-in and team tests share: the account stores in memory (users, sessions and invites over one set of
 * users, as the one table holds them), a clock that moves when told, and team members.
 */
final class AccountsFixture {
    /**
     * Argon2id at a token cost (64 KiB, one pass): the services' logic is under test here, not the hash, whose
     * production cost {@code AuthPrimitivesTest} pins; at OWASP's cost every sign-in would take a good part of a second.
     */
    static final PasswordHasher HASHER = new PasswordHasher(64, 1);
    static final String PASSWORD = "correct horse battery staple";
    static final String PASSWORD_HASH = HASHER.hash(PASSWORD);

    final TestClock clock = new TestClock("2026-03-02T09:00:00Z");
    final InMemoryUserStore users = new InMemoryUserStore();
    final InMemorySessionStore sessions = new InMemorySessionStore(users);
    final InMemoryInviteStore invites = new InMemoryInviteStore(users);

    /** A member who signs in with {@link #PASSWORD}. */
    User member(String email, Role role, Set<String> botIds) {
        User u = new User(Ulid.next(clock.instant()), email, email.substring(0, email.indexOf('@')), role, botIds,
                User.Status.ACTIVE, PASSWORD_HASH, clock.instant(), null, 1);
        users.insert(u);
        return u;
    }

    /** The member as the edge would pass them to a service, signed in on {@code sessionId}. */
    static Principal signedIn(User u, String sessionId) {
        return new Principal(Principal.Kind.USER, u.userId(), u.displayName(), u.role(), u.role().permissions(),
                u.botIds(), sessionId);
    }

    static Principal apiKey(Role role) {
        return new Principal(Principal.Kind.API_KEY, "abcdefghijkl", "ci", role, role.permissions(), Set.of());
    }

}
