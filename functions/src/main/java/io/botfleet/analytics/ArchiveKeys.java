package io.botfleet.analytics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The archive's object keys, Hive-style so that Athena or a Glue crawler sees {@code date} and {@code bot} as
 * partitions: {@code events/date=2026-11-30/bot=<botId>/<HH>-<digest>.ndjson.gz}. {@code HH} is the UTC hour of the
 * file's first event; the digest is of the ids of the queue messages the file holds events of, so a batch delivered
 * again writes the same keys and replaces its files instead of adding copies.
 */
public final class ArchiveKeys {
    public static final String ROOT = "events/";
    /** What a bot id may be to name a partition; Telegram's are digits. */
    public static final Pattern BOT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ArchiveKeys() {}

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Every file of one bot and UTC day. */
    public static String prefix(LocalDate day, String botId) {
        if (!BOT_ID.matcher(botId).matches()) {
            throw new IllegalArgumentException("a bot id names a partition: letters, digits, _ and - only");
        }
        return ROOT + "date=" + day + "/bot=" + botId + "/";
    }

    /** The file of one bot and day holding events of {@code messageIds}, the first at {@code first}. */
    public static String key(LocalDate day, String botId, Instant first, Collection<String> messageIds) {
        return prefix(day, botId) + "%02d".formatted(first.atZone(ZoneOffset.UTC).getHour()) + "-" + digest(messageIds) + ".ndjson.gz";
    }

    /** 128 bits of SHA-256 over the sorted, distinct ids: independent of the order SQS delivered them in. */
    static String digest(Collection<String> messageIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String id : new TreeSet<>(messageIds)) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
