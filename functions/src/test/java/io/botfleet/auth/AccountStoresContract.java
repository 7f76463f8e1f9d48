package io.botfleet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.botfleet.shared.ids.Ulid;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The conditions the four account ports promise, checked on one implementation of all four: the DynamoDB adapters
 * ({@code DynamoAccountStoresIT}) and the in-memory ones the service tests use ({@code InMemoryAccountStoresTest}),
 * so the fast tests stand on the same rules as the table. Tests share one table within a class: each makes its own
 * users, e-mail addresses and keys, and only one creates the owner.
 */
abstract class AccountStoresContract {
    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    final UserStore users;
    final SessionStore sessions;
    final InviteStore invites;
    final ApiKeyStore apiKeys;

    /** The four stores of one implementation, over one set of users (acceptance creates users the user store finds). */
    record Stores(UserStore users, SessionStore sessions, InviteStore invites, ApiKeyStore apiKeys) {}

    AccountStoresContract(Stores stores) {
        this.users = stores.users();
        this.sessions = stores.sessions();
        this.invites = stores.invites();
        this.apiKeys = stores.apiKeys();
    }

    @Test
    void setupHappensOnceAndItsOwnerCanBeFoundByEmail() {
        User owner = user(unique("owner"), Role.OWNER);
        assertThat(users.setupCompleted()).isFalse();
        users.createOwner(owner, T);

        assertThat(users.setupCompleted()).isTrue();
        assertThat(users.userByEmail(owner.email())).contains(owner);
        User second = user(unique("second"), Role.OWNER);
        assertThat(conflict(() -> users.createOwner(second, T))).isEqualTo(ConflictException.Reason.SETUP_DONE);
        assertThat(users.userById(second.userId())).isEmpty();
        assertThat(users.userByEmail(second.email())).isEmpty();
    }

    @Test
    void anAddressBelongsToOneUserAndALosingAcceptanceWritesNothing() {
        User first = join(unique("taken"), Role.EDITOR);
        Invite again = pendingInvite(first.email(), T.plus(Duration.ofDays(7)));
        User second = user(first.email(), Role.ANALYST);

        assertThat(conflict(() -> invites.acceptInvite(again.inviteId(), again.secretHash(), second, T)))
                .isEqualTo(ConflictException.Reason.EMAIL_TAKEN);
        assertThat(users.userById(second.userId())).isEmpty();
        assertThat(users.userByEmail(first.email())).contains(first);
        assertThat(invites.invite(again.inviteId()).orElseThrow().acceptedAt()).isNull();
        assertThat(invites.listInvites()).extracting(Invite::inviteId).contains(again.inviteId());
    }

    @Test
    void anUpdateNeedsTheStoredVersionAndLeavesTheAddressAndLastSignInAlone() {
        User u = join(unique("versioned"), Role.EDITOR);
        users.recordLogin(u.userId(), T.plusSeconds(5));
        User changed = new User(u.userId(), "ignored@example.com", "Renamed", Role.ANALYST, Set.of("7", "3"),
                User.Status.DISABLED, "other-hash", u.createdAt(), null, 1);

        assertThat(users.updateUser(changed).version()).isEqualTo(2);
        User stored = users.userById(u.userId()).orElseThrow();
        assertThat(stored).isEqualTo(new User(u.userId(), u.email(), "Renamed", Role.ANALYST, Set.of("3", "7"),
                User.Status.DISABLED, "other-hash", u.createdAt(), T.plusSeconds(5), 2));
        assertThat(conflict(() -> users.updateUser(changed))).isEqualTo(ConflictException.Reason.VERSION_MISMATCH);
        User nobody = user(unique("nobody"), Role.EDITOR);
        assertThat(conflict(() -> users.updateUser(nobody))).isEqualTo(ConflictException.Reason.VERSION_MISMATCH);
        assertThat(users.listUsers()).contains(stored);
    }

    @Test
    void aRotationNeedsTheCurrentHashAndASpentOneRevokesTheFamily() {
        User u = join(unique("rotating"), Role.EDITOR);
        Session s = session(u, "h1", T.plus(Duration.ofDays(30)));

        assertThat(sessions.rotateRefreshToken(u.userId(), s.familyId(), "h1", "h2", T.plusSeconds(1)))
                .isEqualTo(SessionStore.Rotation.ROTATED);
        Session rotated = sessions.userSession(u.userId(), s.familyId()).orElseThrow().session().orElseThrow();
        assertThat(rotated.tokenHash()).isEqualTo("h2");
        assertThat(rotated.generation()).isEqualTo(2);
        assertThat(rotated.lastUsedAt()).isEqualTo(T.plusSeconds(1));
        assertThat(sessions.rotateRefreshToken(u.userId(), s.familyId(), "never-issued", "h3", T.plusSeconds(2)))
                .as("a hash the family never had proves nothing and ends nothing").isEqualTo(SessionStore.Rotation.INVALID);

        assertThat(sessions.rotateRefreshToken(u.userId(), s.familyId(), "h1", "h3", T.plusSeconds(3)))
                .isEqualTo(SessionStore.Rotation.REUSE_DETECTED);
        Session revoked = sessions.userSession(u.userId(), s.familyId()).orElseThrow().session().orElseThrow();
        assertThat(revoked.revokedAt()).isEqualTo(T.plusSeconds(3));
        assertThat(sessions.rotateRefreshToken(u.userId(), s.familyId(), "h2", "h3", T.plusSeconds(4)))
                .isEqualTo(SessionStore.Rotation.INVALID);
        assertThat(sessions.rotateRefreshToken(u.userId(), Ulid.next(T), "h2", "h3", T.plusSeconds(4)))
                .isEqualTo(SessionStore.Rotation.INVALID);
    }

    @Test
    void anExpiredFamilyNoLongerRotates() {
        User u = join(unique("expiring"), Role.EDITOR);
        Session s = session(u, "h1", T.plusSeconds(60));
        assertThat(sessions.rotateRefreshToken(u.userId(), s.familyId(), "h1", "h2", T.plusSeconds(60)))
                .isEqualTo(SessionStore.Rotation.INVALID);
        assertThat(sessions.userSession(u.userId(), s.familyId()).orElseThrow().session().orElseThrow().liveAt(
                T.plusSeconds(59))).isTrue();
    }

    @Test
    void theUserAndASessionAreReadTogether() {
        User u = join(unique("reader"), Role.ANALYST);
        Session s = session(u, "h1", T.plus(Duration.ofDays(30)));

        var both = sessions.userSession(u.userId(), s.familyId()).orElseThrow();
        assertThat(both.user()).isEqualTo(u);
        assertThat(both.session()).contains(s);
        var noSession = sessions.userSession(u.userId(), Ulid.next(T)).orElseThrow();
        assertThat(noSession.user()).isEqualTo(u);
        assertThat(noSession.session()).isEmpty();
        assertThat(sessions.userSession(Ulid.next(T), s.familyId())).isEmpty();
    }

    @Test
    void revokingAllSessionsEndsEveryFamilyOfThatUserOnly() {
        User u = join(unique("many"), Role.EDITOR);
        User other = join(unique("other"), Role.EDITOR);
        Session a = session(u, "a", T.plus(Duration.ofDays(30)));
        Session b = session(u, "b", T.plus(Duration.ofDays(30)));
        Session theirs = session(other, "c", T.plus(Duration.ofDays(30)));
        sessions.revokeSession(u.userId(), a.familyId(), T.plusSeconds(1));

        sessions.revokeAllSessions(u.userId(), T.plusSeconds(2));
        assertThat(stored(a).revokedAt()).as("a revocation keeps its first time").isEqualTo(T.plusSeconds(1));
        assertThat(stored(b).revokedAt()).isEqualTo(T.plusSeconds(2));
        assertThat(stored(theirs).revokedAt()).isNull();
    }

    @Test
    void anInviteIsAcceptedOnceWithItsSecretBeforeItExpires() {
        Invite invite = pendingInvite(unique("invited"), T.plusSeconds(60));
        User joining = user(invite.email(), invite.role());

        assertThat(conflict(() -> invites.acceptInvite(invite.inviteId(), "wrong-hash", joining, T)))
                .isEqualTo(ConflictException.Reason.INVITE_INVALID);
        assertThat(conflict(() -> invites.acceptInvite(invite.inviteId(), invite.secretHash(), joining, T.plusSeconds(60))))
                .isEqualTo(ConflictException.Reason.INVITE_INVALID);
        assertThat(users.userById(joining.userId())).isEmpty();

        invites.acceptInvite(invite.inviteId(), invite.secretHash(), joining, T.plusSeconds(59));
        assertThat(users.userByEmail(invite.email())).contains(joining);
        assertThat(invites.invite(invite.inviteId()).orElseThrow().acceptedAt()).isEqualTo(T.plusSeconds(59));
        assertThat(invites.listInvites()).extracting(Invite::inviteId).doesNotContain(invite.inviteId());
        User again = user(unique("again"), invite.role());
        assertThat(conflict(() -> invites.acceptInvite(invite.inviteId(), invite.secretHash(), again, T.plusSeconds(59))))
                .isEqualTo(ConflictException.Reason.INVITE_INVALID);
        assertThat(invites.deleteInvite(invite.inviteId())).as("an accepted invite is no longer pending").isFalse();
    }

    @Test
    void aPendingInviteCanBeWithdrawnOnceAndIsListedNewestFirstUntilThen() {
        Invite older = pendingInvite(unique("older"), T.plus(Duration.ofDays(7)));
        Invite newer = invite(unique("newer"), T.plusSeconds(1), T.plus(Duration.ofDays(7)));
        invites.createInvite(newer);
        assertThat(invites.invite(newer.inviteId())).contains(newer);
        List<String> listed = invites.listInvites().stream().map(Invite::inviteId)
                .filter(id -> id.equals(older.inviteId()) || id.equals(newer.inviteId())).toList();
        assertThat(listed).containsExactly(newer.inviteId(), older.inviteId());

        assertThat(invites.deleteInvite(older.inviteId())).isTrue();
        assertThat(invites.deleteInvite(older.inviteId())).isFalse();
        assertThat(invites.invite(older.inviteId())).isEmpty();
        assertThat(invites.listInvites()).extracting(Invite::inviteId).doesNotContain(older.inviteId());
    }

    @Test
    void anApiKeyIsRevokedOnceAndItsUseRecordedAtMostOncePerGranularity() {
        ApiKey key = new ApiKey(Secrets.randomBase32(12), "ci", "secret-hash", Role.EDITOR,
                EnumSet.of(Permission.BOTS_READ, Permission.CAMPAIGNS_SEND), Set.of("7"), Ulid.next(T), T, null,
                T.plus(Duration.ofDays(90)), null);
        ApiKey newer = new ApiKey(Secrets.randomBase32(12), "cd", "secret-hash-2", Role.ADMIN, Set.of(Permission.AUDIT_READ),
                Set.of(), Ulid.next(T), T.plusSeconds(1), null, null, null);
        apiKeys.createApiKey(key);
        apiKeys.createApiKey(newer);
        assertThat(apiKeys.apiKey(key.prefix())).contains(key);
        assertThat(apiKeys.apiKey(newer.prefix())).contains(newer);
        assertThat(apiKeys.listApiKeys().stream().map(ApiKey::prefix)
                .filter(p -> p.equals(key.prefix()) || p.equals(newer.prefix())).toList())
                .containsExactly(newer.prefix(), key.prefix());

        Duration granularity = Duration.ofMinutes(5);
        apiKeys.touchApiKey(key.prefix(), T.plusSeconds(10), granularity);
        apiKeys.touchApiKey(key.prefix(), T.plusSeconds(20), granularity);
        assertThat(apiKeys.apiKey(key.prefix()).orElseThrow().lastUsedAt()).isEqualTo(T.plusSeconds(10));
        apiKeys.touchApiKey(key.prefix(), T.plusSeconds(10).plus(granularity).plusSeconds(1), granularity);
        assertThat(apiKeys.apiKey(key.prefix()).orElseThrow().lastUsedAt())
                .isEqualTo(T.plusSeconds(11).plus(granularity));

        assertThat(apiKeys.revokeApiKey(key.prefix(), T.plusSeconds(30))).isTrue();
        assertThat(apiKeys.revokeApiKey(key.prefix(), T.plusSeconds(40))).isTrue();
        assertThat(apiKeys.apiKey(key.prefix()).orElseThrow().revokedAt()).isEqualTo(T.plusSeconds(30));
        assertThat(apiKeys.revokeApiKey(Secrets.randomBase32(12), T)).isFalse();
    }

    // ---------------------------------------------------------------- making things

    static String unique(String name) {
        return name + "-" + Secrets.randomBase32(10) + "@example.com";
    }

    static User user(String email, Role role) {
        return new User(Ulid.next(T), email, "Member", role, role.botScopable() ? Set.of("7") : Set.of(),
                User.Status.ACTIVE, "$argon2id$stored", T, null, 1);
    }

    static Invite invite(String email, Instant createdAt, Instant expiresAt) {
        return new Invite(Ulid.next(createdAt), email, Role.EDITOR, Set.of("7"), Secrets.sha256(email), Ulid.next(T),
                createdAt, expiresAt, null);
    }

    Invite pendingInvite(String email, Instant expiresAt) {
        Invite invite = invite(email, T, expiresAt);
        invites.createInvite(invite);
        return invite;
    }

    /** A user as the ports create one outside first start: by accepting an invite. */
    User join(String email, Role role) {
        Invite invite = pendingInvite(email, T.plus(Duration.ofDays(7)));
        User u = user(email, role);
        invites.acceptInvite(invite.inviteId(), invite.secretHash(), u, T);
        return u;
    }

    Session session(User u, String tokenHash, Instant expiresAt) {
        Session s = new Session(u.userId(), Ulid.next(T), tokenHash, 1, T, T, expiresAt, null, "192.0.2.1", "test");
        sessions.createSession(s);
        return s;
    }

    Session stored(Session s) {
        return sessions.userSession(s.userId(), s.familyId()).orElseThrow().session().orElseThrow();
    }

    static ConflictException.Reason conflict(ThrowingCallable call) {
        ConflictException e = catchThrowableOfType(ConflictException.class, call);
        assertThat(e).as("a conflict").isNotNull();
        return e.reason();
    }
}
