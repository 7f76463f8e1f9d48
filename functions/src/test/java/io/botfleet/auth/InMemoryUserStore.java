package io.botfleet.auth;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users in memory with {@link DynamoUserStore}'s conditions: setup happens once, an e-mail address belongs to one
 * user, updates need the stored version. Every method holds this store's lock, as one conditional write or
 * transaction is atomic; {@link InMemoryInviteStore} takes the same lock to create a user with its acceptance.
 */
public final class InMemoryUserStore implements UserStore {
    private final Map<String, User> users = new HashMap<>();
    /** e-mail → user id: the e-mail guard items. */
    private final Map<String, String> emails = new HashMap<>();
    private String setupOwner;
    private Runnable beforeNextUpdate = () -> { };

    @Override
    public synchronized boolean setupCompleted() {
        return setupOwner != null;
    }

    @Override
    public synchronized void createOwner(User owner, Instant now) {
        // the setup item is the transaction's first condition, so it is the reason given when both fail
        if (setupOwner != null) {
            throw new ConflictException(ConflictException.Reason.SETUP_DONE);
        }
        insert(owner);
        setupOwner = owner.userId();
    }

    /** Puts a new user and its e-mail guard, or neither; EMAIL_TAKEN as the table's transaction reports it. */
    synchronized void insert(User user) {
        if (users.containsKey(user.userId()) || emails.containsKey(user.email())) {
            throw new ConflictException(ConflictException.Reason.EMAIL_TAKEN);
        }
        users.put(user.userId(), user);
        emails.put(user.email(), user.userId());
    }

    /** Runs {@code change} under this store's lock, so that it and the users it inserts happen as one. */
    synchronized void atomically(Runnable change) {
        change.run();
    }

    @Override
    public synchronized Optional<User> userById(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public synchronized Optional<User> userByEmail(String emailLowercase) {
        return Optional.ofNullable(emails.get(emailLowercase)).map(users::get);
    }

    /** Sorted by e-mail, as the table's index lists them. */
    @Override
    public synchronized List<User> listUsers() {
        return users.values().stream().sorted(Comparator.comparing(User::email)).toList();
    }

    /** Runs once, just before the next update is checked: another writer's change between a read and a write. */
    public synchronized void beforeNextUpdate(Runnable change) {
        beforeNextUpdate = change;
    }

    @Override
    public synchronized User updateUser(User u) {
        Runnable interleaved = beforeNextUpdate;
        beforeNextUpdate = () -> { };
        interleaved.run();
        User stored = users.get(u.userId());
        if (stored == null || stored.version() != u.version()) {
            throw new ConflictException(ConflictException.Reason.VERSION_MISMATCH);
        }
        // only these attributes are written; e-mail, creation and last login stay as stored
        users.put(u.userId(), new User(stored.userId(), stored.email(), u.displayName(), u.role(), u.botIds(),
                u.status(), u.passwordHash(), stored.createdAt(), stored.lastLoginAt(), stored.version() + 1));
        return new User(u.userId(), u.email(), u.displayName(), u.role(), u.botIds(), u.status(), u.passwordHash(),
                u.createdAt(), u.lastLoginAt(), u.version() + 1);
    }

    @Override
    public synchronized void recordLogin(String userId, Instant at) {
        User u = users.get(userId);
        if (u == null) {
            // the table's write is conditioned on the user existing and fails the same way
            throw new IllegalStateException("no user " + userId);
        }
        users.put(userId, new User(u.userId(), u.email(), u.displayName(), u.role(), u.botIds(), u.status(),
                u.passwordHash(), u.createdAt(), at, u.version()));
    }
}
