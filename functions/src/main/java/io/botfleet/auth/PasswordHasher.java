package io.botfleet.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing (password4j) with OWASP's minimum parameters: 19 MiB memory, 2 iterations, parallelism 1,
 * 16-byte salt, 32-byte hash, stored as a PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$...}).
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int HASH_LENGTH = 32;

    private final Argon2Function function;
    /** Verified against when an account does not exist, so that path costs the same time as a wrong password. */
    private final String dummyHash;

    public PasswordHasher() {
        this(MEMORY_KIB, ITERATIONS);
    }

    /**
     * Hashes at another cost. Only unit tests of the services that sign in use it, so that dozens of sign-ins take
     * milliseconds; a hash records its cost, so verification follows whatever cost it was made with.
     */
    PasswordHasher(int memoryKib, int iterations) {
        this.function = Argon2Function.getInstance(memoryKib, iterations, PARALLELISM, HASH_LENGTH, Argon2.ID);
        this.dummyHash = hash("botfleet-dummy-password-for-timing");
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(function).getResult();
    }

    public boolean verify(String password, String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return false;
        }
        try {
            return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Does the same work as {@link #verify} for a caller that has no account to check against. */
    public void burn(String password) {
        verify(password, dummyHash);
    }
}
