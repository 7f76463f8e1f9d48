package io.botfleet.auth;

import static io.botfleet.auth.AccountsFixture.HASHER;
import static io.botfleet.auth.AccountsFixture.apiKey;
import static io.botfleet.shared.errors.Refusals.refused;
import static io.botfleet.auth.AccountsFixture.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.errors.Refusal.Kind;
import io.botfleet.shared.ids.Ulid;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The team on the in-memory stores: invitations from creation to acceptance, and who may change whom. */
class UserAdministrationTest {
    static final String NEW_PASSWORD = "a passphrase of the new member";

    final AccountsFixture accounts = new AccountsFixture();
    final java.util.List<String> accessChanged = new java.util.ArrayList<>();
    final UserAdministration team = new UserAdministration(accounts.users, accounts.invites, accounts.sessions, HASHER,
            accessChanged::add, accounts.clock);
    final User owner = accounts.member("owner@example.com", Role.OWNER, Set.of());
    final User admin = accounts.member("admin@example.com", Role.ADMIN, Set.of());
    final User editor = accounts.member("editor@example.com", Role.EDITOR, Set.of("7"));

    // ---------------------------------------------------------------- invitations

    @Test
    void anInviteIsListedUntilItsOneAcceptanceCreatesTheMember() {
        UserAdministration.CreatedInvite created = team.invite(signedIn(admin, null), " New@Example.com ", Role.ANALYST,
                Set.of("7", "9"));
        Invite invite = created.invite();
        assertThat(invite.email()).isEqualTo("new@example.com");
        assertThat(invite.invitedBy()).isEqualTo(admin.userId());
        assertThat(invite.expiresAt()).isEqualTo(accounts.clock.instant().plus(UserAdministration.INVITE_LIFETIME));
        assertThat(created.token()).startsWith(invite.inviteId() + ".");
        assertThat(team.invites()).extracting(Invite::inviteId).containsExactly(invite.inviteId());

        accounts.clock.advance(Duration.ofHours(1));
        User joined = team.acceptInvite(created.token(), NEW_PASSWORD, "New");
        assertThat(joined.email()).isEqualTo("new@example.com");
        assertThat(joined.role()).isEqualTo(Role.ANALYST);
        assertThat(joined.botIds()).containsExactlyInAnyOrder("7", "9");
        assertThat(joined.createdAt()).isEqualTo(accounts.clock.instant());
        assertThat(HASHER.verify(NEW_PASSWORD, accounts.users.userByEmail("new@example.com").orElseThrow().passwordHash()))
                .isTrue();
        assertThat(team.invites()).isEmpty();
        assertThat(team.users()).extracting(User::email)
                .containsExactly("admin@example.com", "editor@example.com", "new@example.com", "owner@example.com");

        refused(Kind.GONE, "INVITE_INVALID", () -> team.acceptInvite(created.token(), NEW_PASSWORD, "Again"));
        refused(Kind.NOT_FOUND, "INVITE_NOT_FOUND", () -> team.revokeInvite(invite.inviteId()));
    }

    @Test
    void anInviteExpiresAfterSevenDays() {
        var created = team.invite(signedIn(owner, null), "late@example.com", Role.EDITOR, Set.of());
        accounts.clock.advance(UserAdministration.INVITE_LIFETIME.minusSeconds(1));
        assertThat(team.invites()).hasSize(1);

        accounts.clock.advance(Duration.ofSeconds(1));
        assertThat(team.invites()).isEmpty();
        refused(Kind.GONE, "INVITE_INVALID", () -> team.acceptInvite(created.token(), NEW_PASSWORD, "Late"));
        assertThat(accounts.users.userByEmail("late@example.com")).isEmpty();
    }

    @Test
    void aForgedOrMalformedTokenIsRefusedAndLeavesTheInviteUsable() {
        var created = team.invite(signedIn(owner, null), "new@example.com", Role.EDITOR, Set.of());
        String id = created.invite().inviteId();

        refused(Kind.GONE, "INVITE_INVALID", () -> team.acceptInvite(id + "." + Secrets.randomToken(), NEW_PASSWORD, "N"));
        refused(Kind.GONE, "INVITE_INVALID", () -> team.acceptInvite(id, NEW_PASSWORD, "N"));
        refused(Kind.GONE, "INVITE_INVALID", () -> team.acceptInvite(Ulid.next(Instant.EPOCH) + "."
                + Secrets.randomToken(), NEW_PASSWORD, "N"));
        refused(Kind.GONE, "INVITE_INVALID", () -> team.acceptInvite(null, NEW_PASSWORD, "N"));
        assertThat(team.acceptInvite(created.token(), NEW_PASSWORD, "N").email()).isEqualTo("new@example.com");
    }

    @Test
    void aWithdrawnInviteCannotBeAccepted() {
        var created = team.invite(signedIn(owner, null), "new@example.com", Role.EDITOR, Set.of());
        team.revokeInvite(created.invite().inviteId());

        assertThat(team.invites()).isEmpty();
        refused(Kind.GONE, "INVITE_INVALID", () -> team.acceptInvite(created.token(), NEW_PASSWORD, "N"));
        refused(Kind.NOT_FOUND, "INVITE_NOT_FOUND", () -> team.revokeInvite(created.invite().inviteId()));
    }

    @Test
    void ofTwoInvitesForOneAddressOnlyTheFirstAcceptedCreatesAMember() {
        var first = team.invite(signedIn(owner, null), "twice@example.com", Role.EDITOR, Set.of());
        var second = team.invite(signedIn(admin, null), "twice@example.com", Role.ANALYST, Set.of());
        User joined = team.acceptInvite(second.token(), NEW_PASSWORD, "Twice");

        refused(Kind.CONFLICT, "EMAIL_TAKEN", () -> team.acceptInvite(first.token(), NEW_PASSWORD, "Twice"));
        // the failed acceptance wrote nothing: the invite is still pending and the member is the first one
        assertThat(team.invites()).extracting(Invite::inviteId).containsExactly(first.invite().inviteId());
        assertThat(accounts.users.userByEmail("twice@example.com")).contains(joined);
        refused(Kind.CONFLICT, "EMAIL_TAKEN",
                () -> team.invite(signedIn(owner, null), "TWICE@example.com", Role.EDITOR, Set.of()));
    }

    @Test
    void invitesGrantOnlyRolesBelowTheInvitersAndBotScopeOnlyToEditorsAndAnalysts() {
        var adminGrantsAdmin = refused(Kind.INVALID, "VALIDATION_FAILED",
                () -> team.invite(signedIn(admin, null), "a2@example.com", Role.ADMIN, Set.of()));
        assertThat(adminGrantsAdmin.fieldErrors()).extracting(e -> e.field() + " " + e.code()).containsExactly("role NOT_ALLOWED");
        refused(Kind.INVALID, "VALIDATION_FAILED",
                () -> team.invite(signedIn(owner, null), "o2@example.com", Role.OWNER, Set.of()));
        var scopedAdmin = refused(Kind.INVALID, "VALIDATION_FAILED",
                () -> team.invite(signedIn(owner, null), "a2@example.com", Role.ADMIN, Set.of("7")));
        assertThat(scopedAdmin.fieldErrors()).extracting(e -> e.field() + " " + e.code()).containsExactly("botIds NOT_ALLOWED");
        refused(Kind.CONFLICT, "EMAIL_TAKEN",
                () -> team.invite(signedIn(owner, null), "Editor@example.com", Role.EDITOR, Set.of()));
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> team.invite(apiKey(Role.OWNER), "k@example.com", Role.EDITOR, Set.of()));

        assertThat(team.invite(signedIn(owner, null), "a2@example.com", Role.ADMIN, Set.of()).invite().role())
                .isEqualTo(Role.ADMIN);
        assertThat(team.invites()).hasSize(1);
    }

    // ---------------------------------------------------------------- changing users

    @Test
    void nobodyChangesTheirOwnRoleScopeOrStatus() {
        var disableSelf = refused(Kind.FORBIDDEN, "FORBIDDEN", () -> team.updateUser(signedIn(owner, null), owner.userId(),
                new UserAdministration.UserChanges(null, null, User.Status.DISABLED, null)));
        assertThat(disableSelf.detail()).contains("your own");
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> team.updateUser(signedIn(admin, null), admin.userId(),
                new UserAdministration.UserChanges(Role.EDITOR, null, null, null)));
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> team.updateUser(signedIn(editor, null), editor.userId(),
                new UserAdministration.UserChanges(null, Set.of(), null, null)));
        assertThat(accounts.users.userById(owner.userId())).contains(owner);

        User renamed = team.updateUser(signedIn(admin, null), editor.userId(),
                new UserAdministration.UserChanges(null, null, null, "Ed"));
        assertThat(renamed.displayName()).isEqualTo("Ed");
        assertThat(renamed.botIds()).as("unchanged fields stay").containsExactly("7");
        assertThat(renamed.version()).isEqualTo(2);
    }

    @Test
    void anAdminManagesOnlyEditorsAndAnalystsAndTheOwnerAlsoAdmins() {
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> team.updateUser(signedIn(admin, null), owner.userId(),
                new UserAdministration.UserChanges(null, null, User.Status.DISABLED, null)));
        User otherAdmin = accounts.member("admin2@example.com", Role.ADMIN, Set.of());
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> team.updateUser(signedIn(admin, null), otherAdmin.userId(),
                new UserAdministration.UserChanges(Role.EDITOR, null, null, null)));
        var promote = refused(Kind.INVALID, "VALIDATION_FAILED", () -> team.updateUser(signedIn(admin, null),
                editor.userId(), new UserAdministration.UserChanges(Role.ADMIN, null, null, null)));
        assertThat(promote.fieldErrors()).extracting(e -> e.field() + " " + e.code()).containsExactly("role NOT_ALLOWED");

        User demoted = team.updateUser(signedIn(owner, null), otherAdmin.userId(),
                new UserAdministration.UserChanges(Role.ANALYST, Set.of("3"), null, null));
        assertThat(demoted.role()).isEqualTo(Role.ANALYST);
        assertThat(demoted.botIds()).containsExactly("3");
        assertThat(accounts.users.userById(otherAdmin.userId())).contains(demoted);
        refused(Kind.NOT_FOUND, "USER_NOT_FOUND", () -> team.updateUser(signedIn(owner, null), Ulid.next(Instant.EPOCH),
                new UserAdministration.UserChanges(null, null, null, "x")));
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> team.updateUser(apiKey(Role.OWNER), editor.userId(),
                new UserAdministration.UserChanges(null, null, null, "x")));
    }

    @Test
    void aBotScopeIsKeptOnlyWhileTheRoleCanHaveOne() {
        var scopedAdmin = refused(Kind.INVALID, "VALIDATION_FAILED", () -> team.updateUser(signedIn(owner, null),
                editor.userId(), new UserAdministration.UserChanges(Role.ADMIN, Set.of("7"), null, null)));
        assertThat(scopedAdmin.fieldErrors()).extracting(e -> e.field() + " " + e.code()).containsExactly("botIds NOT_ALLOWED");

        User analyst = team.updateUser(signedIn(admin, null), editor.userId(),
                new UserAdministration.UserChanges(Role.ANALYST, null, null, null));
        assertThat(analyst.botIds()).as("an editor's scope stays with an analyst").containsExactly("7");
        User promoted = team.updateUser(signedIn(owner, null), editor.userId(),
                new UserAdministration.UserChanges(Role.ADMIN, null, null, null));
        assertThat(promoted.botIds()).as("an admin sees every bot").isEmpty();
        assertThat(accounts.users.userById(editor.userId()).orElseThrow().botIds()).isEmpty();
    }

    @Test
    void disablingAUserEndsEveryOneOfTheirSessions() {
        Instant now = accounts.clock.instant();
        for (String family : new String[] {Ulid.next(now), Ulid.next(now)}) {
            accounts.sessions.createSession(new Session(editor.userId(), family, "hash-" + family, 1, now, now,
                    now.plus(Duration.ofDays(30)), null, "192.0.2.1", ""));
        }
        User disabled = team.updateUser(signedIn(admin, null), editor.userId(),
                new UserAdministration.UserChanges(null, null, User.Status.DISABLED, null));

        assertThat(disabled.active()).isFalse();
        assertThat(accounts.sessions.sessionsOf(editor.userId())).hasSize(2)
                .allSatisfy(s -> assertThat(s.revokedAt()).isEqualTo(now));
    }

    @Test
    void aChangeThatLostARaceIsRefusedNotApplied() {
        accounts.users.beforeNextUpdate(() -> accounts.users.updateUser(new User(editor.userId(), editor.email(), "Other",
                editor.role(), editor.botIds(), editor.status(), editor.passwordHash(), editor.createdAt(), null, 1)));

        refused(Kind.CONFLICT, "CONCURRENT_UPDATE", () -> team.updateUser(signedIn(admin, null), editor.userId(),
                new UserAdministration.UserChanges(Role.ANALYST, null, null, null)));
        User stored = accounts.users.userById(editor.userId()).orElseThrow();
        assertThat(stored.role()).isEqualTo(Role.EDITOR);
        assertThat(stored.displayName()).isEqualTo("Other");
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void aChangeOfRoleScopeOrStatusIsAnnouncedAndARenameIsNot() {
        Principal byOwner = signedIn(owner, null);
        team.updateUser(byOwner, editor.userId(), new UserAdministration.UserChanges(null, null, null, "Eddie"));
        assertThat(accessChanged).as("a new display name changes nobody's access").isEmpty();

        team.updateUser(byOwner, editor.userId(), new UserAdministration.UserChanges(null, Set.of("8"), null, null));
        team.updateUser(byOwner, editor.userId(), new UserAdministration.UserChanges(Role.ANALYST, null, null, null));
        team.updateUser(byOwner, editor.userId(), new UserAdministration.UserChanges(null, null, User.Status.DISABLED, null));

        assertThat(accessChanged).containsExactly(editor.userId(), editor.userId(), editor.userId());
    }
}
