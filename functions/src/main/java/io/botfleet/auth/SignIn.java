package io.botfleet.auth;

import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.ids.Ulid;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Signing in and what a signed-in person does with their own account: first-start setup of the owner, sign-in with
 * back-off, refresh-token rotation with reuse detection, logout, the per-request check of an access token, the own
 * profile and password change. Inputs are already validated at the edge.
 */
public final class SignIn {
    public static final Duration SESSION_LIFETIME = Duration.ofDays(30);

    /** Tokens handed out at sign-in and refresh. */
    public record Tokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                         Instant refreshTokenExpiresAt, User user) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }

    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final LoginBackoff backoff;
    private final Supplier<PlatformKeys> keys;
    private final AccessChanges accessChanges;
    private final Clock clock;

    public SignIn(UserStore users, SessionStore sessions, PasswordHasher hasher, TokenService tokens,
                  LoginBackoff backoff, Supplier<PlatformKeys> keys, Clock clock) {
        this(users, sessions, hasher, tokens, backoff, keys, AccessChanges.NONE, clock);
    }

    /** @param accessChanges told when a user's sessions end (sign-out, new password) */
    public SignIn(UserStore users, SessionStore sessions, PasswordHasher hasher, TokenService tokens,
                  LoginBackoff backoff, Supplier<PlatformKeys> keys, AccessChanges accessChanges, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.tokens = tokens;
        this.backoff = backoff;
        this.keys = keys;
        this.accessChanges = accessChanges;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- first start

    public boolean setupRequired() {
        return !users.setupCompleted();
    }

    public User setup(String setupToken, String email, String password, String displayName) {
        if (users.setupCompleted()) {
            throw setupDone();
        }
        if (!Secrets.constantTimeEquals(setupToken, keys.get().setupToken())) {
            throw Refusal.forbidden("SETUP_TOKEN_INVALID", "The setup token is not valid");
        }
        Instant now = clock.instant();
        User owner = new User(Ulid.next(now), User.normalizeEmail(email), displayName, Role.OWNER, Set.of(),
                User.Status.ACTIVE, hasher.hash(password), now, null, 1);
        try {
            users.createOwner(owner, now);
        } catch (ConflictException e) {
            throw setupDone();
        }
        return owner;
    }

    private static Refusal setupDone() {
        return Refusal.conflict("SETUP_ALREADY_DONE", "The platform is already set up; sign in instead");
    }

    // ---------------------------------------------------------------- sign-in and sessions

    public Tokens login(String email, String password, String ip, String userAgent) {
        Instant now = clock.instant();
        String normalized = User.normalizeEmail(email);
        Optional<Duration> locked = backoff.lockedFor(normalized, ip, now);
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            throw Refusal.rateLimited("LOGIN_LOCKED",
                    "Too many failed sign-ins; try again in " + seconds + " s", Duration.ofSeconds(seconds));
        }
        Optional<User> user = users.userByEmail(normalized);
        boolean ok;
        if (user.isPresent()) {
            ok = hasher.verify(password, user.get().passwordHash()) && user.get().active();
        } else {
            hasher.burn(password);
            ok = false;
        }
        if (!ok) {
            backoff.recordFailure(normalized, ip, now);
            throw invalidCredentials();
        }
        backoff.recordSuccess(normalized);
        users.recordLogin(user.get().userId(), now);
        return startSession(user.get(), ip, userAgent, now);
    }

    private static Refusal invalidCredentials() {
        return Refusal.unauthenticated("INVALID_CREDENTIALS",
                "The e-mail address or password is not correct");
    }

    private Tokens startSession(User user, String ip, String userAgent, Instant now) {
        String familyId = Ulid.next(now);
        String secret = Secrets.randomToken();
        Instant expires = now.plus(SESSION_LIFETIME);
        sessions.createSession(new Session(user.userId(), familyId, Secrets.sha256(secret), 1, now, now, expires, null,
                ip, truncate(userAgent, 200)));
        return new Tokens(tokens.issue(user, familyId, now), now.plus(TokenService.ACCESS_LIFETIME),
                user.userId() + "." + familyId + "." + secret, expires, user);
    }

    public Tokens refresh(String refreshToken) {
        Instant now = clock.instant();
        String[] parts = refreshToken == null ? new String[0] : refreshToken.split("\\.", -1);
        if (parts.length != 3 || !Ulid.isValid(parts[0]) || !Ulid.isValid(parts[1]) || !Secrets.isBase64UrlToken(parts[2])) {
            throw invalidRefresh();
        }
        String userId = parts[0];
        String familyId = parts[1];
        String secret = Secrets.randomToken();
        SessionStore.Rotation rotation = sessions.rotateRefreshToken(userId, familyId, Secrets.sha256(parts[2]),
                Secrets.sha256(secret), now);
        if (rotation == SessionStore.Rotation.REUSE_DETECTED) {
            throw Refusal.unauthenticated("REFRESH_TOKEN_REUSED",
                    "This refresh token was already used; the session has been ended for safety. Sign in again");
        }
        if (rotation != SessionStore.Rotation.ROTATED) {
            throw invalidRefresh();
        }
        var state = sessions.userSession(userId, familyId).orElseThrow(SignIn::invalidRefresh);
        User user = state.user();
        if (!user.active()) {
            sessions.revokeSession(userId, familyId, now);
            throw invalidRefresh();
        }
        Instant expires = state.session().map(Session::expiresAt).orElse(now);
        return new Tokens(tokens.issue(user, familyId, now), now.plus(TokenService.ACCESS_LIFETIME),
                userId + "." + familyId + "." + secret, expires, user);
    }

    private static Refusal invalidRefresh() {
        return Refusal.unauthenticated("REFRESH_TOKEN_INVALID",
                "The refresh token is not valid or has expired; sign in again");
    }

    /** Ends the caller's session (or all of their sessions). */
    public void logout(Principal principal, boolean allSessions) {
        principal.requireUser();
        Instant now = clock.instant();
        if (allSessions) {
            sessions.revokeAllSessions(principal.id(), now);
        } else {
            sessions.revokeSession(principal.id(), principal.sessionId(), now);
        }
        accessChanges.changed(principal.id());
    }

    /** Checks an access token and the live state behind it: the user is active and the session not revoked. */
    public Principal authenticate(String accessToken) {
        Instant now = clock.instant();
        TokenService.AccessClaims claims = tokens.verify(accessToken, now);
        var state = sessions.userSession(claims.userId(), claims.sessionId())
                .orElseThrow(() -> new TokenService.InvalidTokenException("The account no longer exists", false));
        User user = state.user();
        if (!user.active()) {
            throw new TokenService.InvalidTokenException("The account is disabled", false);
        }
        if (state.session().isEmpty() || !state.session().get().liveAt(now)) {
            throw new TokenService.InvalidTokenException("The session has ended; sign in again", false);
        }
        // the stored role and bot scope win over the token's copy: demotions apply at once
        return new Principal(Principal.Kind.USER, user.userId(), user.displayName(), user.role(),
                user.role().permissions(), user.botIds(), claims.sessionId());
    }

    public User me(Principal principal) {
        principal.requireUser();
        return users.userById(principal.id()).orElseThrow(SignIn::accountGone);
    }

    /** Changes the caller's password and ends every session, including this one. */
    public void changePassword(Principal principal, String currentPassword, String newPassword) {
        principal.requireUser();
        User user = users.userById(principal.id()).orElseThrow(SignIn::accountGone);
        if (!hasher.verify(currentPassword, user.passwordHash())) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("currentPassword", "INCORRECT",
                    "is not your current password")));
        }
        if (currentPassword.equals(newPassword)) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("newPassword", "UNCHANGED",
                    "must differ from the current password")));
        }
        try {
            users.updateUser(user.withPasswordHash(hasher.hash(newPassword)));
        } catch (ConflictException e) {
            // the account changed between reading and writing (an admin's edit, another sign-in's password change)
            throw Refusal.conflict("CONCURRENT_UPDATE", "Your account was changed at the same time; try again");
        }
        sessions.revokeAllSessions(user.userId(), clock.instant());
        accessChanges.changed(user.userId());
    }

    private static Refusal accountGone() {
        return Refusal.unauthenticated("UNAUTHORIZED", "The account no longer exists");
    }

    private static String truncate(String value, int max) {
        return value == null ? "" : value.length() <= max ? value : value.substring(0, max);
    }
}
