package io.botfleet.auth;

import io.botfleet.shared.ids.Ulid;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Accounts and sessions: first-start setup, sign-in with back-off, refresh-token rotation with reuse detection,
 * logout, password change, invitations and user management. Inputs are already validated at the edge.
 */
public final class AuthService {
    public static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    public static final Duration INVITE_LIFETIME = Duration.ofDays(7);

    /** Tokens handed out at sign-in and refresh. */
    public record Tokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
                         Instant refreshTokenExpiresAt, User user) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }

    /** A new invite and its link secret (shown once). */
    public record CreatedInvite(Invite invite, String token) {
        @Override
        public String toString() {
            return "CreatedInvite[" + invite.inviteId() + "]";
        }
    }

    /** Changes to a user; null fields stay as they are. */
    public record UserChanges(Role role, Set<String> botIds, User.Status status, String displayName) {}

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final LoginBackoff backoff;
    private final Supplier<PlatformKeys> keys;
    private final Clock clock;

    public AuthService(AccountStore store, PasswordHasher hasher, TokenService tokens, LoginBackoff backoff,
                       Supplier<PlatformKeys> keys, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.backoff = backoff;
        this.keys = keys;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- first start

    public boolean setupRequired() {
        return !store.setupCompleted();
    }

    public User setup(String setupToken, String email, String password, String displayName) {
        if (store.setupCompleted()) {
            throw setupDone();
        }
        if (!Secrets.constantTimeEquals(setupToken, keys.get().setupToken())) {
            throw Refusal.forbidden("SETUP_TOKEN_INVALID", "The setup token is not valid");
        }
        Instant now = clock.instant();
        User owner = new User(Ulid.next(now), normalize(email), displayName, Role.OWNER, Set.of(), User.Status.ACTIVE,
                hasher.hash(password), now, null, 1);
        try {
            store.createOwner(owner, now);
        } catch (AccountStore.ConflictException e) {
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
        String normalized = normalize(email);
        Optional<Duration> locked = backoff.lockedFor(normalized, ip, now);
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            throw Refusal.rateLimited("LOGIN_LOCKED",
                    "Too many failed sign-ins; try again in " + seconds + " s", Duration.ofSeconds(seconds));
        }
        Optional<User> user = store.userByEmail(normalized);
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
        store.recordLogin(user.get().userId(), now);
        return startSession(user.get(), ip, userAgent, now);
    }

    static Refusal invalidCredentials() {
        return Refusal.unauthenticated("INVALID_CREDENTIALS",
                "The e-mail address or password is not correct");
    }

    private Tokens startSession(User user, String ip, String userAgent, Instant now) {
        String familyId = Ulid.next(now);
        String secret = Secrets.randomToken();
        Instant expires = now.plus(SESSION_LIFETIME);
        store.createSession(new Session(user.userId(), familyId, Secrets.sha256(secret), 1, now, now, expires, null,
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
        AccountStore.Rotation rotation = store.rotateRefreshToken(userId, familyId, Secrets.sha256(parts[2]),
                Secrets.sha256(secret), now);
        if (rotation == AccountStore.Rotation.REUSE_DETECTED) {
            throw Refusal.unauthenticated("REFRESH_TOKEN_REUSED",
                    "This refresh token was already used; the session has been ended for safety. Sign in again");
        }
        if (rotation != AccountStore.Rotation.ROTATED) {
            throw invalidRefresh();
        }
        var state = store.userSession(userId, familyId).orElseThrow(AuthService::invalidRefresh);
        User user = state.user();
        if (!user.active()) {
            store.revokeSession(userId, familyId, now);
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
        requireUser(principal);
        Instant now = clock.instant();
        if (allSessions) {
            store.revokeAllSessions(principal.id(), now);
        } else {
            store.revokeSession(principal.id(), principal.sessionId(), now);
        }
    }

    /** Checks an access token and the live state behind it: the user is active and the session not revoked. */
    public Principal authenticate(String accessToken) {
        Instant now = clock.instant();
        TokenService.AccessClaims claims = tokens.verify(accessToken, now);
        var state = store.userSession(claims.userId(), claims.sessionId())
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
        requireUser(principal);
        return store.userById(principal.id()).orElseThrow(() -> Refusal.unauthenticated("UNAUTHORIZED", "The account no longer exists"));
    }

    /** Changes the caller's password and ends every session, including this one. */
    public void changePassword(Principal principal, String currentPassword, String newPassword) {
        requireUser(principal);
        User user = store.userById(principal.id()).orElseThrow(() -> Refusal.unauthenticated("UNAUTHORIZED", "The account no longer exists"));
        if (!hasher.verify(currentPassword, user.passwordHash())) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("currentPassword", "INCORRECT",
                    "is not your current password")));
        }
        if (currentPassword.equals(newPassword)) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("newPassword", "UNCHANGED",
                    "must differ from the current password")));
        }
        store.updateUser(user.withPasswordHash(hasher.hash(newPassword)));
        store.revokeAllSessions(user.userId(), clock.instant());
    }

    private static void requireUser(Principal principal) {
        if (principal.kind() != Principal.Kind.USER) {
            throw Refusal.forbidden("FORBIDDEN", "API keys cannot do this; sign in as a user");
        }
    }

    // ---------------------------------------------------------------- team

    public List<User> users() {
        return store.listUsers();
    }

    public CreatedInvite invite(Principal inviter, String email, Role role, Set<String> botIds) {
        requireUser(inviter);
        requireManages(inviter, role);
        requireScopable(role, botIds);
        String normalized = normalize(email);
        if (store.userByEmail(normalized).isPresent()) {
            throw Refusal.conflict("EMAIL_TAKEN", "A team member already has this e-mail address");
        }
        Instant now = clock.instant();
        String secret = Secrets.randomToken();
        Invite invite = new Invite(Ulid.next(now), normalized, role, botIds, Secrets.sha256(secret), inviter.id(), now,
                now.plus(INVITE_LIFETIME), null);
        store.createInvite(invite);
        return new CreatedInvite(invite, invite.inviteId() + "." + secret);
    }

    public List<Invite> invites() {
        Instant now = clock.instant();
        return store.listInvites().stream().filter(i -> i.acceptedAt() == null && i.expiresAt().isAfter(now)).toList();
    }

    public void revokeInvite(String inviteId) {
        if (!store.deleteInvite(inviteId)) {
            throw Refusal.notFound("INVITE_NOT_FOUND", "No pending invite " + inviteId);
        }
    }

    public User acceptInvite(String token, String password, String displayName) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 2 || !Ulid.isValid(parts[0]) || !Secrets.isBase64UrlToken(parts[1])) {
            throw inviteInvalid();
        }
        Invite invite = store.invite(parts[0]).orElseThrow(AuthService::inviteInvalid);
        Instant now = clock.instant();
        User user = new User(Ulid.next(now), invite.email(), displayName, invite.role(), invite.botIds(),
                User.Status.ACTIVE, hasher.hash(password), now, null, 1);
        try {
            store.acceptInvite(invite.inviteId(), Secrets.sha256(parts[1]), user, now);
        } catch (AccountStore.ConflictException e) {
            if (e.reason() == AccountStore.ConflictException.Reason.EMAIL_TAKEN) {
                throw Refusal.conflict("EMAIL_TAKEN", "A team member already has this e-mail address");
            }
            throw inviteInvalid();
        }
        return user;
    }

    private static Refusal inviteInvalid() {
        return Refusal.gone("INVITE_INVALID",
                "This invitation is not valid: it was used, withdrawn or has expired");
    }

    public User updateUser(Principal actor, String userId, UserChanges changes) {
        requireUser(actor);
        User target = store.userById(userId).orElseThrow(() -> Refusal.notFound("USER_NOT_FOUND", "No user " + userId));
        if (target.userId().equals(actor.id()) && (changes.role() != null || changes.status() != null || changes.botIds() != null)) {
            throw Refusal.forbidden("FORBIDDEN", "You cannot change your own role, bot access or status");
        }
        if (!actor.role().manages(target.role())) {
            throw Refusal.forbidden("FORBIDDEN", "Your role cannot manage a user with role " + target.role().name().toLowerCase());
        }
        Role role = changes.role() == null ? target.role() : changes.role();
        if (changes.role() != null) {
            requireManages(actor, role);
        }
        Set<String> bots = changes.botIds() == null ? (role.botScopable() ? target.botIds() : Set.of()) : changes.botIds();
        requireScopable(role, bots);
        User updated = new User(target.userId(), target.email(),
                changes.displayName() == null ? target.displayName() : changes.displayName(), role, bots,
                changes.status() == null ? target.status() : changes.status(), target.passwordHash(), target.createdAt(),
                target.lastLoginAt(), target.version());
        try {
            updated = store.updateUser(updated);
        } catch (AccountStore.ConflictException e) {
            throw Refusal.conflict("CONCURRENT_UPDATE", "The user was changed at the same time; retry");
        }
        if (updated.status() == User.Status.DISABLED) {
            store.revokeAllSessions(updated.userId(), clock.instant());
        }
        return updated;
    }

    private static void requireManages(Principal actor, Role role) {
        if (!actor.role().manages(role)) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("role", "NOT_ALLOWED",
                    "your role cannot grant " + role.name().toLowerCase())));
        }
    }

    private static void requireScopable(Role role, Set<String> botIds) {
        if (!botIds.isEmpty() && !role.botScopable()) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("botIds", "NOT_ALLOWED",
                    "only editors and analysts can be restricted to bots")));
        }
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String truncate(String value, int max) {
        return value == null ? "" : value.length() <= max ? value : value.substring(0, max);
    }
}
