package io.botfleet.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A bucket's width; buckets start at whole UTC hours and days. */
public enum Granularity {
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    Granularity(ChronoUnit unit) {
        this.unit = unit;
    }

    public Instant bucket(Instant at) {
        return at.truncatedTo(unit);
    }

    public Duration width() {
        return unit.getDuration();
    }

    /** The stored key of a bucket: {@code 2026-11-30T14} or {@code 2026-11-30}. */
    public String label(Instant bucket) {
        String iso = bucket.toString();
        return this == HOUR ? iso.substring(0, 13) : iso.substring(0, 10);
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
