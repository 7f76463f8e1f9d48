package io.botfleet.local.gateway;

import io.botfleet.local.LocalAwsStack;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the gateway knows: the stack's admin key and one set of role credentials per function, issued
 * once and stable for the stack's life (a reset keeps them, so running function processes keep working).
 */
public final class Callers {
    private static final SecureRandom random = new SecureRandom();
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final Map<String, RoleCredentials> byFunction = new ConcurrentHashMap<>();
    private final Map<String, Caller> byKey = new ConcurrentHashMap<>();

    /** A known key: who it is and the session token that must come with it (null for the admin key). */
    record Caller(Principal principal, String sessionToken) {}

    public Callers() {
        byKey.put(LocalAwsStack.ACCESS_KEY, new Caller(Principal.ADMIN, null));
    }

    /** Issues {@code function}'s credentials on first use; {@code role} is the role its template gives it. */
    RoleCredentials credentialsFor(String function, String role) {
        return byFunction.computeIfAbsent(function, f -> {
            RoleCredentials issued = new RoleCredentials("ASIA" + randomKey(16), randomToken(30), randomToken(96));
            byKey.put(issued.accessKeyId(), new Caller(new Principal(function, role), issued.sessionToken()));
            return issued;
        });
    }

    Caller caller(String accessKeyId) {
        return accessKeyId == null ? null : byKey.get(accessKeyId);
    }


    private static String randomKey(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
