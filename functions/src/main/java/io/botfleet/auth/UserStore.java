package io.botfleet.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Team members, the e-mail addresses they are unique by, and the first-start state (set once, by the owner's
 * creation). Implemented on DynamoDB by {@link DynamoUserStore}.
 */
public interface UserStore {

    boolean setupCompleted();

    /**
     * Creates the first owner and marks setup complete, atomically; {@link ConflictException} SETUP_DONE if done,
     * EMAIL_TAKEN if the address is in use.
     */
    void createOwner(User owner, Instant now);

    Optional<User> userById(String userId);

    Optional<User> userByEmail(String emailLowercase);

    List<User> listUsers();

    /**
     * Replaces role, bot scope, status, display name and password hash if the stored version is {@code user.version()};
     * {@link ConflictException} VERSION_MISMATCH otherwise.
     *
     * @return the user as stored, with its version advanced
     */
    User updateUser(User user);

    void recordLogin(String userId, Instant at);
}
