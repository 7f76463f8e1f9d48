package io.botfleet.shared.ids;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * ULIDs (26 characters, Crockford base32: 48-bit millisecond time + 80 random bits): ids that sort by creation time,
 * so "newest first" is a key order. Ids made in the same millisecond are not ordered among themselves.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ulid() {}

    public static String next(Instant at) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return encode(at.toEpochMilli(), random);
    }

    /**
     * The same ULID for the same {@code at} and {@code seed}, every time: an id that makes a second write of the same
     * thing (a run of a series for one occurrence, say) collide with the first.
     */
    public static String derived(Instant at, String seed) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return encode(at.toEpochMilli(), java.util.Arrays.copyOf(hash, 10));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The smallest ULID of a millisecond: a bound for "at or after". */
    public static String lowest(Instant at) {
        return encode(at.toEpochMilli(), new byte[10]);
    }

    /** The largest ULID of a millisecond: a bound for "at or before". */
    public static String highest(Instant at) {
        byte[] all = new byte[10];
        java.util.Arrays.fill(all, (byte) 0xFF);
        return encode(at.toEpochMilli(), all);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** The 128 bits of a valid ULID, big-endian: its most compact form (click codes carry campaign ids so). */
    public static byte[] toBytes(String ulid) {
        if (!isValid(ulid)) {
            throw new IllegalArgumentException("not a ULID");
        }
        java.math.BigInteger value = java.math.BigInteger.ZERO;
        for (int i = 0; i < ulid.length(); i++) {
            value = value.shiftLeft(5).or(java.math.BigInteger.valueOf(indexOf(ulid.charAt(i))));
        }
        byte[] raw = value.toByteArray();
        byte[] out = new byte[16];
        int copy = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - copy, out, 16 - copy, copy);
        return out;
    }

    /** The ULID of 16 bytes made by {@link #toBytes}. */
    public static String fromBytes(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a ULID has 16 bytes");
        }
        java.math.BigInteger value = new java.math.BigInteger(1, bytes);
        char[] chars = new char[26];
        for (int i = 25; i >= 0; i--) {
            chars[i] = ALPHABET[value.intValue() & 31];
            value = value.shiftRight(5);
        }
        return new String(chars);
    }

    public static Instant time(String ulid) {
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | indexOf(ulid.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    /** The ULID just below {@code ulid} in sort order (for "strictly older than" key conditions). */
    public static String predecessor(String ulid) {
        char[] chars = ulid.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            int v = indexOf(chars[i]);
            if (v > 0) {
                chars[i] = ALPHABET[v - 1];
                return new String(chars);
            }
            chars[i] = ALPHABET[31];
        }
        return "00000000000000000000000000";
    }

    /** The ULID just above {@code ulid} in sort order. */
    public static String successor(String ulid) {
        char[] chars = ulid.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            int v = indexOf(chars[i]);
            if (v < 31) {
                chars[i] = ALPHABET[v + 1];
                return new String(chars);
            }
            chars[i] = ALPHABET[0];
        }
        return "7ZZZZZZZZZZZZZZZZZZZZZZZZZ";
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a ULID character");
    }

    private static String encode(long millis, byte[] random) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits -> 16 characters
        long hi = ((random[0] & 0xFFL) << 32) | ((random[1] & 0xFFL) << 24) | ((random[2] & 0xFFL) << 16)
                | ((random[3] & 0xFFL) << 8) | (random[4] & 0xFFL);
        long lo = ((random[5] & 0xFFL) << 32) | ((random[6] & 0xFFL) << 24) | ((random[7] & 0xFFL) << 16)
                | ((random[8] & 0xFFL) << 8) | (random[9] & 0xFFL);
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }
}
