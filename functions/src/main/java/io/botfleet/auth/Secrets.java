package io.botfleet.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets, their stored hashes and constant-time comparison. Secrets are 256 random bits. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] LOWER_BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Secrets() {}

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random lower-case base32 string (5 bits per character), e.g. for API key prefixes. */
    public static String randomBase32(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = LOWER_BASE32[RANDOM.nextInt(32)];
        }
        return new String(out);
    }

    /**
     * SHA-256 of a high-entropy secret, hex. A fast hash is right for 256-bit random secrets (nothing to brute
     * force); passwords use {@link PasswordHasher}.
     */
    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isBase64UrlToken(String value) {
        return value != null && value.length() == 43 && value.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }
}
