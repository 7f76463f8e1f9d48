package io.botfleet.auth;

import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.ids.Ulid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The team: listing and changing users (role, bot scope, status, display name) and single-use invitations, from
 * creation to acceptance. Inputs are already validated at the edge.
 */
public final class UserAdministration {
    public static final Duration INVITE_LIFETIME = Duration.ofDays(7);

    /** A new invite and its link secret (shown once). */
    public record CreatedInvite(Invite invite, String token) {
        @Override
        public String toString() {
            return "CreatedInvite[" + invite.inviteId() + "]";
        }
    }

    /** Changes to a user; null fields stay as they are. */
    public record UserChanges(Role role, Set<String> botIds, User.Status status, String displayName) {}

    private final UserStore users;
    private final InviteStore invites;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final AccessChanges accessChanges;
    private final Clock clock;

    public UserAdministration(UserStore users, InviteStore invites, SessionStore sessions, PasswordHasher hasher,
                              Clock clock) {
        this(users, invites, sessions, hasher, AccessChanges.NONE, clock);
    }

    /**
     * {@code sessions} is only for ending a disabled user's sessions; {@code accessChanges} is told of every change
     * of a user's role, bot scope or status.
     */
    public UserAdministration(UserStore users, InviteStore invites, SessionStore sessions, PasswordHasher hasher,
                              AccessChanges accessChanges, Clock clock) {
        this.users = users;
        this.invites = invites;
        this.sessions = sessions;
        this.hasher = hasher;
        this.accessChanges = accessChanges;
        this.clock = clock;
    }

    public List<User> users() {
        return users.listUsers();
    }

    // ---------------------------------------------------------------- invitations

    public CreatedInvite invite(Principal inviter, String email, Role role, Set<String> botIds) {
        inviter.requireUser();
        requireManages(inviter, role);
        requireScopable(role, botIds);
        String normalized = User.normalizeEmail(email);
        if (users.userByEmail(normalized).isPresent()) {
            throw emailTaken();
        }
        Instant now = clock.instant();
        String secret = Secrets.randomToken();
        Invite invite = new Invite(Ulid.next(now), normalized, role, botIds, Secrets.sha256(secret), inviter.id(), now,
                now.plus(INVITE_LIFETIME), null);
        invites.createInvite(invite);
        return new CreatedInvite(invite, invite.inviteId() + "." + secret);
    }

    /** Invites that can still be accepted. */
    public List<Invite> invites() {
        Instant now = clock.instant();
        return invites.listInvites().stream().filter(i -> i.acceptedAt() == null && i.expiresAt().isAfter(now)).toList();
    }

    public void revokeInvite(String inviteId) {
        if (!invites.deleteInvite(inviteId)) {
            throw Refusal.notFound("INVITE_NOT_FOUND", "No pending invite " + inviteId);
        }
    }

    public User acceptInvite(String token, String password, String displayName) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 2 || !Ulid.isValid(parts[0]) || !Secrets.isBase64UrlToken(parts[1])) {
            throw inviteInvalid();
        }
        Invite invite = invites.invite(parts[0]).orElseThrow(UserAdministration::inviteInvalid);
        Instant now = clock.instant();
        User user = new User(Ulid.next(now), invite.email(), displayName, invite.role(), invite.botIds(),
                User.Status.ACTIVE, hasher.hash(password), now, null, 1);
        try {
            invites.acceptInvite(invite.inviteId(), Secrets.sha256(parts[1]), user, now);
        } catch (ConflictException e) {
            if (e.reason() == ConflictException.Reason.EMAIL_TAKEN) {
                throw emailTaken();
            }
            throw inviteInvalid();
        }
        return user;
    }

    private static Refusal inviteInvalid() {
        return Refusal.gone("INVITE_INVALID",
                "This invitation is not valid: it was used, withdrawn or has expired");
    }

    private static Refusal emailTaken() {
        return Refusal.conflict("EMAIL_TAKEN", "A team member already has this e-mail address");
    }

    // ---------------------------------------------------------------- users

    public User updateUser(Principal actor, String userId, UserChanges changes) {
        actor.requireUser();
        User target = users.userById(userId).orElseThrow(() -> Refusal.notFound("USER_NOT_FOUND", "No user " + userId));
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
            updated = users.updateUser(updated);
        } catch (ConflictException e) {
            throw Refusal.conflict("CONCURRENT_UPDATE", "The user was changed at the same time; retry");
        }
        if (updated.status() == User.Status.DISABLED) {
            sessions.revokeAllSessions(updated.userId(), clock.instant());
        }
        if (updated.role() != target.role() || !updated.botIds().equals(target.botIds()) || updated.status() != target.status()) {
            accessChanges.changed(updated.userId());
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
}
