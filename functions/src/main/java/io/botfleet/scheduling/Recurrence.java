package io.botfleet.scheduling;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An AWS cron expression ({@code minutes hours day-of-month month day-of-week year}, as EventBridge Scheduler reads
 * it: one of the two day fields is {@code ?}, days of the week run 1-7 from Sunday), evaluated by cron-utils as the
 * Quartz expression it is with a zero seconds field, in a time zone, daylight saving included.
 */
public final class Recurrence {
    /** Quartz's fields are AWS's with seconds in front (days of the week 1-7 from Sunday, one day field {@code ?}). */
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final ExecutionTime times;

    private Recurrence(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /**
     * @param expression the six fields, bare or as {@code cron(...)}
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Recurrence parse(String expression) {
        String fields = expression.trim();
        if (fields.toLowerCase(Locale.ROOT).startsWith("cron(") && fields.endsWith(")")) {
            fields = fields.substring(5, fields.length() - 1).trim();
        }
        fields = fields.replaceAll("\\s+", " ");
        if (fields.split(" ").length != 6) {
            throw new IllegalArgumentException("An AWS cron expression has six fields: minutes hours day-of-month month "
                    + "day-of-week year");
        }
        try {
            Cron cron = QUARTZ.parse("0 " + fields);
            cron.validate();
            return new Recurrence(fields, ExecutionTime.forCron(cron));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "Not a valid cron expression" : e.getMessage());
        }
    }

    /** The six fields, normalised (what {@code cron(...)} wraps). */
    public String expression() {
        return expression;
    }

    /** The first occurrence strictly after {@code after}, reading the fields as wall-clock times of {@code zone}. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** Whether {@code at} is itself an occurrence (so a trigger for it belongs to this expression). */
    public boolean occursAt(Instant at, ZoneId zone) {
        return next(at.minusSeconds(1), zone).filter(at::equals).isPresent();
    }

    /** Up to {@code count} occurrences after {@code after}, none later than {@code until} (null: no end). */
    public List<Instant> next(Instant after, ZoneId zone, Instant until, int count) {
        List<Instant> out = new ArrayList<>();
        Instant from = after;
        while (out.size() < count) {
            Optional<Instant> next = next(from, zone);
            if (next.isEmpty() || (until != null && next.get().isAfter(until))) {
                break;
            }
            out.add(next.get());
            from = next.get();
        }
        return out;
    }
}
