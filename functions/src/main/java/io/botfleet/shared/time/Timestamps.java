package io.botfleet.shared.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** ISO-8601 UTC instants with a fixed millisecond precision, so that stored timestamps sort lexicographically. */
public final class Timestamps {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String iso(Instant instant) {
        return MILLIS.format(instant);
    }

    public static String isoHour(Instant instant) {
        return MILLIS.format(instant.truncatedTo(ChronoUnit.HOURS));
    }
}
