package io.botfleet.local.scheduler;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * An EventBridge Scheduler expression as the service evaluates it: {@code at(yyyy-mm-ddThh:mm:ss)}, {@code rate(n unit)}
 * or {@code cron(minutes hours day-of-month month day-of-week year)}, wall-clock times read in the schedule's time zone.
 */
sealed interface ScheduleExpression {
    /** AWS's cron fields are Quartz's without the seconds (days of the week 1-7 from Sunday, one day field {@code ?}). */
    CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /** The first time it fires strictly after {@code after}. */
    Optional<Instant> next(Instant after);

    /** Fires once. */
    record At(Instant at) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after) {
            return at.isAfter(after) ? Optional.of(at) : Optional.empty();
        }
    }

    /** Fires every {@code period} from {@code start}. */
    record Rate(Instant start, Duration period) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after) {
            long periods = after.isBefore(start) ? 0 : Duration.between(start, after).dividedBy(period) + 1;
            return Optional.of(start.plus(period.multipliedBy(periods)));
        }
    }

    /** Fires at the cron expression's times in {@code zone}. */
    record Cron(ExecutionTime times, ZoneId zone) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after) {
            return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
        }
    }

    /** @param start when a rate schedule starts counting (its start date, else its creation) */
    static ScheduleExpression parse(String expression, String timeZone, Instant start) {
        ZoneId zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone);
        String e = expression.trim();
        String inner = e.substring(e.indexOf('(') + 1, e.lastIndexOf(')')).trim();
        if (e.startsWith("at(")) {
            return new At(LocalDateTime.parse(inner).atZone(zone).toInstant());
        }
        if (e.startsWith("cron(")) {
            return new Cron(ExecutionTime.forCron(QUARTZ.parse("0 " + inner.replaceAll("\\s+", " "))), zone);
        }
        if (e.startsWith("rate(")) {
            String[] parts = inner.split("\\s+");
            long n = Long.parseLong(parts[0]);
            Duration period = switch (parts[1].replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(n);
                case "hour" -> Duration.ofHours(n);
                case "day" -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("unknown rate unit in " + expression);
            };
            return new Rate(start, period);
        }
        throw new IllegalArgumentException("not a schedule expression: " + expression);
    }
}
