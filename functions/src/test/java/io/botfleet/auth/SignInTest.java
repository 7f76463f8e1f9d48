package io.botfleet.auth;

import static io.botfleet.auth.AccountsFixture.PASSWORD;
import static io.botfleet.auth.AccountsFixture.apiKey;
import static io.botfleet.shared.errors.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.shared.errors.Refusal.Kind;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sign-in and sessions on the in-memory stores: what the dashboard's account flows rely on, without a table. */
class SignInTest {
    final AccountsFixture accounts = new AccountsFixture();
    final PlatformKeys keys = PlatformKeys.fromSeed("a-test-seed-that-is-long-enough-for-hkdf-0123456789");
    final InMemoryCounters counters = new InMemoryCounters();
    final java.util.List<String> accessChanged = new java.util.ArrayList<>();
    final SignIn signIn = new SignIn(accounts.users, accounts.sessions, AccountsFixture.HASHER,
            new TokenService(() -> keys), LoginBackoff.standard(counters), () -> keys, accessChanged::add, accounts.clock);

    // ---------------------------------------------------------------- first start

    @Test
    void setupCreatesTheOwnerOnceWithThePlatformsSetupToken() {
        assertThat(signIn.setupRequired()).isTrue();
        refused(Kind.FORBIDDEN, "SETUP_TOKEN_INVALID",
                () -> signIn.setup("not-the-token", "owner@example.com", PASSWORD, "Owner"));
        assertThat(signIn.setupRequired()).isTrue();

        User owner = signIn.setup(keys.setupToken(), "  Owner@Example.COM ", PASSWORD, "Owner");
        assertThat(owner.role()).isEqualTo(Role.OWNER);
        assertThat(owner.email()).isEqualTo("owner@example.com");
        assertThat(signIn.setupRequired()).isFalse();
        assertThat(accounts.users.userByEmail("owner@example.com")).contains(owner);
        refused(Kind.CONFLICT, "SETUP_ALREADY_DONE",
                () -> signIn.setup(keys.setupToken(), "second@example.com", PASSWORD, "Second"));
        assertThat(accounts.users.userByEmail("second@example.com")).isEmpty();
    }

    @Test
    void theOwnersPasswordSignsIn() {
        signIn.setup(keys.setupToken(), "owner@example.com", PASSWORD, "Owner");
        assertThat(signIn.login("OWNER@example.com", PASSWORD, "192.0.2.1", "test").user().role()).isEqualTo(Role.OWNER);
    }

    // ---------------------------------------------------------------- sign-in

    @Test
    void signInOpensASessionWhoseAccessTokenAuthenticatesAsTheStoredUser() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of("7"));
        SignIn.Tokens tokens = signIn.login(" Ed@Example.com", PASSWORD, "192.0.2.1", "x".repeat(300));

        assertThat(tokens.user().userId()).isEqualTo(editor.userId());
        assertThat(tokens.accessTokenExpiresAt()).isEqualTo(accounts.clock.instant().plus(TokenService.ACCESS_LIFETIME));
        assertThat(tokens.refreshTokenExpiresAt()).isEqualTo(accounts.clock.instant().plus(SignIn.SESSION_LIFETIME));
        Session session = accounts.sessions.sessionsOf(editor.userId()).getFirst();
        assertThat(tokens.refreshToken()).startsWith(editor.userId() + "." + session.familyId() + ".");
        assertThat(session.ip()).isEqualTo("192.0.2.1");
        assertThat(session.userAgent()).hasSize(200);
        assertThat(accounts.users.userById(editor.userId()).orElseThrow().lastLoginAt()).isEqualTo(accounts.clock.instant());

        Principal principal = signIn.authenticate(tokens.accessToken());
        assertThat(principal.kind()).isEqualTo(Principal.Kind.USER);
        assertThat(principal.id()).isEqualTo(editor.userId());
        assertThat(principal.sessionId()).isEqualTo(session.familyId());
        assertThat(principal.botScope()).containsExactly("7");
        assertThat(signIn.me(principal)).isEqualTo(accounts.users.userById(editor.userId()).orElseThrow());
    }

    @Test
    void aWrongPasswordAnUnknownAddressAndADisabledAccountAreRefusedAlike() {
        User analyst = accounts.member("an@example.com", Role.ANALYST, Set.of());
        User disabled = accounts.member("off@example.com", Role.ANALYST, Set.of());
        accounts.users.updateUser(new User(disabled.userId(), disabled.email(), disabled.displayName(), disabled.role(),
                disabled.botIds(), User.Status.DISABLED, disabled.passwordHash(), disabled.createdAt(), null, 1));

        var wrong = refused(Kind.UNAUTHENTICATED, "INVALID_CREDENTIALS",
                () -> signIn.login(analyst.email(), "not the password", "192.0.2.1", ""));
        var unknown = refused(Kind.UNAUTHENTICATED, "INVALID_CREDENTIALS",
                () -> signIn.login("nobody@example.com", PASSWORD, "192.0.2.1", ""));
        var off = refused(Kind.UNAUTHENTICATED, "INVALID_CREDENTIALS",
                () -> signIn.login(disabled.email(), PASSWORD, "192.0.2.1", ""));
        assertThat(unknown.detail()).isEqualTo(wrong.detail()).isEqualTo(off.detail());
        assertThat(accounts.sessions.sessionsOf(disabled.userId())).isEmpty();
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPasswordUntilTheBackOffHasPassed() {
        User analyst = accounts.member("an@example.com", Role.ANALYST, Set.of());
        for (int i = 0; i < 5; i++) {
            refused(Kind.UNAUTHENTICATED, "INVALID_CREDENTIALS",
                    () -> signIn.login(analyst.email(), "wrong password", "192.0.2.1", ""));
        }
        var locked = refused(Kind.RATE_LIMITED, "LOGIN_LOCKED",
                () -> signIn.login(analyst.email(), PASSWORD, "198.51.100.9", ""));
        assertThat(locked.retryAfter()).contains(Duration.ofSeconds(30));

        accounts.clock.advance(Duration.ofSeconds(12));
        var later = refused(Kind.RATE_LIMITED, "LOGIN_LOCKED",
                () -> signIn.login(" AN@example.com ", PASSWORD, "198.51.100.9", ""));
        assertThat(later.retryAfter()).contains(Duration.ofSeconds(18));
        assertThat(accounts.sessions.sessionsOf(analyst.userId())).isEmpty();

        accounts.clock.advance(Duration.ofSeconds(18));
        signIn.login(analyst.email(), PASSWORD, "192.0.2.1", "");
        // success cleared the account's count: one more mistake is an ordinary failure, not a lock
        refused(Kind.UNAUTHENTICATED, "INVALID_CREDENTIALS",
                () -> signIn.login(analyst.email(), "wrong password", "192.0.2.1", ""));
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddressForEveryAccount() {
        User analyst = accounts.member("an@example.com", Role.ANALYST, Set.of());
        for (int i = 0; i < 20; i++) {
            int n = i;
            refused(Kind.UNAUTHENTICATED, "INVALID_CREDENTIALS",
                    () -> signIn.login("ghost" + n + "@example.com", "wrong password", "203.0.113.5", ""));
        }
        refused(Kind.RATE_LIMITED, "LOGIN_LOCKED", () -> signIn.login(analyst.email(), PASSWORD, "203.0.113.5", ""));
        assertThat(signIn.login(analyst.email(), PASSWORD, "203.0.113.6", "").user().userId()).isEqualTo(analyst.userId());
    }

    // ---------------------------------------------------------------- refresh

    @Test
    void refreshRotatesTheTokenAndKeepsTheFamilysExpiry() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens first = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "");
        accounts.clock.advance(Duration.ofMinutes(20));

        SignIn.Tokens second = signIn.refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.refreshTokenExpiresAt()).isEqualTo(first.refreshTokenExpiresAt());
        assertThat(second.accessTokenExpiresAt()).isEqualTo(accounts.clock.instant().plus(TokenService.ACCESS_LIFETIME));
        assertThat(signIn.authenticate(second.accessToken()).id()).isEqualTo(editor.userId());
        Session session = accounts.sessions.sessionsOf(editor.userId()).getFirst();
        assertThat(session.generation()).isEqualTo(2);
        assertThat(session.lastUsedAt()).isEqualTo(accounts.clock.instant());

        SignIn.Tokens third = signIn.refresh(second.refreshToken());
        assertThat(third.user().userId()).isEqualTo(editor.userId());
    }

    @Test
    void aSpentRefreshTokenRevokesItsWholeFamilyButNoOtherSession() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens laptop = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "laptop");
        SignIn.Tokens phone = signIn.login(editor.email(), PASSWORD, "192.0.2.2", "phone");
        SignIn.Tokens rotated = signIn.refresh(laptop.refreshToken());

        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_REUSED", () -> signIn.refresh(laptop.refreshToken()));
        // the thief and the victim both lose the family: the current token no longer refreshes or authenticates
        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh(rotated.refreshToken()));
        assertThatThrownBy(() -> signIn.authenticate(rotated.accessToken()))
                .isInstanceOf(TokenService.InvalidTokenException.class).hasMessageContaining("session has ended");
        assertThat(signIn.authenticate(phone.accessToken()).id()).isEqualTo(editor.userId());
        assertThat(signIn.refresh(phone.refreshToken()).user().userId()).isEqualTo(editor.userId());
    }

    @Test
    void aTokenSpentLongAgoIsMerelyInvalid() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens first = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "");
        SignIn.Tokens current = first;
        // the first token is spent by the first rotation and pushed out of the kept hashes by the ones after it
        for (int i = 0; i <= SessionStore.SPENT_HASHES_KEPT; i++) {
            current = signIn.refresh(current.refreshToken());
        }
        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh(first.refreshToken()));
        assertThat(signIn.refresh(current.refreshToken()).user().userId()).isEqualTo(editor.userId());
    }

    @Test
    void aForgedSecretForARealFamilyIsInvalidAndEndsNothing() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens tokens = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "");
        String family = tokens.refreshToken().substring(0, tokens.refreshToken().lastIndexOf('.') + 1);

        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh(family + Secrets.randomToken()));
        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh(family + "short"));
        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh("not.a.token"));
        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh(null));
        assertThat(signIn.refresh(tokens.refreshToken()).user().userId()).isEqualTo(editor.userId());
    }

    @Test
    void aFamilyEndsThirtyDaysAfterSignInHoweverOftenItIsRefreshed() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens tokens = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "");
        for (int day = 0; day < 29; day++) {
            accounts.clock.advance(Duration.ofDays(1));
            tokens = signIn.refresh(tokens.refreshToken());
        }
        accounts.clock.advance(Duration.ofDays(1));
        SignIn.Tokens last = tokens;
        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh(last.refreshToken()));
    }

    @Test
    void aDisabledUserCannotRefreshAndTheFamilyEnds() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens tokens = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "");
        accounts.users.updateUser(new User(editor.userId(), editor.email(), editor.displayName(), editor.role(),
                editor.botIds(), User.Status.DISABLED, editor.passwordHash(), editor.createdAt(), null, 1));

        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh(tokens.refreshToken()));
        assertThat(accounts.sessions.sessionsOf(editor.userId())).allSatisfy(s -> assertThat(s.revokedAt()).isNotNull());
        assertThatThrownBy(() -> signIn.authenticate(tokens.accessToken()))
                .isInstanceOf(TokenService.InvalidTokenException.class).hasMessageContaining("disabled");
    }

    // ---------------------------------------------------------------- the signed-in account

    @Test
    void theStoredRoleAndBotScopeWinOverTheTokensCopy() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of("7"));
        SignIn.Tokens tokens = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "");
        accounts.users.updateUser(new User(editor.userId(), editor.email(), editor.displayName(), Role.ANALYST,
                Set.of("9"), editor.status(), editor.passwordHash(), editor.createdAt(), null, 1));

        Principal principal = signIn.authenticate(tokens.accessToken());
        assertThat(principal.role()).isEqualTo(Role.ANALYST);
        assertThat(principal.botScope()).containsExactly("9");
        assertThat(principal.can(Permission.CAMPAIGNS_SEND)).isFalse();
    }

    @Test
    void logoutEndsTheCallersSessionOrAllOfThem() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens laptop = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "laptop");
        SignIn.Tokens phone = signIn.login(editor.email(), PASSWORD, "192.0.2.2", "phone");
        SignIn.Tokens tablet = signIn.login(editor.email(), PASSWORD, "192.0.2.3", "tablet");

        signIn.logout(signIn.authenticate(laptop.accessToken()), false);
        assertThatThrownBy(() -> signIn.authenticate(laptop.accessToken())).isInstanceOf(TokenService.InvalidTokenException.class);
        refused(Kind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", () -> signIn.refresh(laptop.refreshToken()));
        Principal onPhone = signIn.authenticate(phone.accessToken());
        assertThat(signIn.authenticate(tablet.accessToken()).id()).isEqualTo(editor.userId());

        signIn.logout(onPhone, true);
        assertThatThrownBy(() -> signIn.authenticate(phone.accessToken())).isInstanceOf(TokenService.InvalidTokenException.class);
        assertThatThrownBy(() -> signIn.authenticate(tablet.accessToken())).isInstanceOf(TokenService.InvalidTokenException.class);
        assertThat(accounts.sessions.sessionsOf(editor.userId())).hasSize(3)
                .allSatisfy(s -> assertThat(s.revokedAt()).isNotNull());
        assertThat(accessChanged).as("each sign-out ends the user's dashboard connections")
                .containsExactly(editor.userId(), editor.userId());
    }

    @Test
    void anApiKeyHasNoSessionProfileOrPasswordOfItsOwn() {
        Principal key = apiKey(Role.ADMIN);
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> signIn.logout(key, true));
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> signIn.me(key));
        refused(Kind.FORBIDDEN, "FORBIDDEN", () -> signIn.changePassword(key, PASSWORD, "another long password"));
    }

    @Test
    void aPasswordChangeThatLostARaceIsRefusedAndChangesNothing() {
        User editor = accounts.member("race@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens laptop = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "laptop");
        Principal me = signIn.authenticate(laptop.accessToken());
        User current = accounts.users.userById(editor.userId()).orElseThrow();
        accounts.users.beforeNextUpdate(() -> accounts.users.updateUser(new User(current.userId(), current.email(), "Renamed",
                current.role(), current.botIds(), current.status(), current.passwordHash(), current.createdAt(),
                current.lastLoginAt(), current.version())));

        refused(Kind.CONFLICT, "CONCURRENT_UPDATE", () -> signIn.changePassword(me, PASSWORD, "a brand new passphrase"));
        assertThat(signIn.authenticate(laptop.accessToken()).id()).isEqualTo(editor.userId());
        assertThat(signIn.login(editor.email(), PASSWORD, "192.0.2.1", "").user().displayName()).isEqualTo("Renamed");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsEverySession() {
        User editor = accounts.member("ed@example.com", Role.EDITOR, Set.of());
        SignIn.Tokens laptop = signIn.login(editor.email(), PASSWORD, "192.0.2.1", "laptop");
        SignIn.Tokens phone = signIn.login(editor.email(), PASSWORD, "192.0.2.2", "phone");
        Principal me = signIn.authenticate(laptop.accessToken());

        var incorrect = refused(Kind.INVALID, "VALIDATION_FAILED",
                () -> signIn.changePassword(me, "not my password", "a brand new passphrase"));
        assertThat(incorrect.fieldErrors()).extracting(e -> e.field() + " " + e.code()).containsExactly("currentPassword INCORRECT");
        var unchanged = refused(Kind.INVALID, "VALIDATION_FAILED", () -> signIn.changePassword(me, PASSWORD, PASSWORD));
        assertThat(unchanged.fieldErrors()).extracting(e -> e.field() + " " + e.code()).containsExactly("newPassword UNCHANGED");
        assertThat(signIn.authenticate(phone.accessToken()).id()).isEqualTo(editor.userId());

        assertThat(accessChanged).as("refused changes change nothing").isEmpty();
        signIn.changePassword(me, PASSWORD, "a brand new passphrase");
        assertThat(accessChanged).containsExactly(editor.userId());
        assertThatThrownBy(() -> signIn.authenticate(laptop.accessToken())).isInstanceOf(TokenService.InvalidTokenException.class);
        assertThatThrownBy(() -> signIn.authenticate(phone.accessToken())).isInstanceOf(TokenService.InvalidTokenException.class);
        refused(Kind.UNAUTHENTICATED, "INVALID_CREDENTIALS", () -> signIn.login(editor.email(), PASSWORD, "192.0.2.1", ""));
        assertThat(signIn.login(editor.email(), "a brand new passphrase", "192.0.2.1", "").user().version()).isEqualTo(2);
    }
}
