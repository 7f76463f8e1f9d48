package io.botfleet.scheduling;

import io.botfleet.broadcast.campaign.CampaignSchedule;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.errors.Refusal.FieldError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a schedule may be, as EventBridge Scheduler would accept it and as makes sense for a campaign: a wall-clock time
 * ({@code 2026-12-24T09:00}, to the second) in the future, or an AWS cron expression with at least one occurrence
 * before its optional end; both in an IANA time zone.
 */
public final class ScheduleRules {
    private ScheduleRules() {}

    /**
     * The schedule asked for, its first occurrence due.
     *
     * @throws Refusal 422 naming each field that is wrong
     */
    public static CampaignSchedule resolve(String at, String cron, String timeZone, String endDate, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = zone(timeZone, errors);
        LocalDateTime localAt = localTime("at", at, errors);
        LocalDateTime localEnd = localTime("endDate", endDate, errors);
        Recurrence recurrence = null;
        if (cron != null) {
            try {
                recurrence = Recurrence.parse(cron);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cron", "INVALID_CRON", e.getMessage()));
            }
        }
        if (at == null && cron == null) {
            errors.add(new FieldError("at", "REQUIRED", "Give a time (at) or a recurrence (cron)"));
        } else if (at != null && cron != null) {
            errors.add(new FieldError("cron", "EXCLUSIVE", "Give a time (at) or a recurrence (cron), not both"));
        }
        if (at != null && endDate != null) {
            errors.add(new FieldError("endDate", "NOT_RECURRING", "Only a recurring schedule has an end date"));
        }
        if (!errors.isEmpty() || zone == null) {
            throw Refusal.invalidFields(errors);
        }
        if (localAt != null) {
            Instant due = localAt.atZone(zone).toInstant();
            if (!due.isAfter(now)) {
                throw Refusal.invalidField("at", "IN_PAST", "The time has passed in " + zone.getId());
            }
            return new CampaignSchedule(localAt, null, zone.getId(), null, due);
        }
        Instant end = localEnd == null ? null : localEnd.atZone(zone).toInstant();
        if (end != null && !end.isAfter(now)) {
            throw Refusal.invalidField("endDate", "END_BEFORE_START", "The end date has passed in " + zone.getId());
        }
        Optional<Instant> first = recurrence.next(now, zone).filter(t -> end == null || !t.isAfter(end));
        if (first.isEmpty()) {
            throw Refusal.invalidField(end == null ? "cron" : "endDate", "NO_OCCURRENCE",
                    "The schedule has no occurrence" + (end == null ? "" : " before its end date"));
        }
        return new CampaignSchedule(null, recurrence.expression(), zone.getId(), end, first.get());
    }

    /** The next {@code count} occurrences a schedule will start, from the one it waits for. */
    public static List<Instant> upcoming(CampaignSchedule schedule, int count) {
        if (schedule == null || schedule.due() == null) {
            return List.of();
        }
        if (!schedule.recurring()) {
            return List.of(schedule.due());
        }
        List<Instant> out = new ArrayList<>(List.of(schedule.due()));
        out.addAll(Recurrence.parse(schedule.cron()).next(schedule.due(), ZoneId.of(schedule.timeZone()), schedule.endDate(),
                count - 1));
        return out;
    }

    private static ZoneId zone(String timeZone, List<FieldError> errors) {
        if (timeZone == null || timeZone.isBlank()) {
            errors.add(new FieldError("timeZone", "REQUIRED", "Give an IANA time zone, like Europe/Berlin"));
            return null;
        }
        // only region ids (IANA names) and UTC: offsets such as +02:00 would ignore daylight saving
        if (!timeZone.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            errors.add(new FieldError("timeZone", "UNKNOWN_TIME_ZONE", "Not an IANA time zone: give one like Europe/Berlin"));
            return null;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "UNKNOWN_TIME_ZONE", "Not an IANA time zone: give one like Europe/Berlin"));
            return null;
        }
    }

    private static LocalDateTime localTime(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            // seconds at most, as at() takes them; no offset: the time zone says where the clock hangs
            return LocalDateTime.parse(value).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "INVALID_TIME", "Give a local date and time like 2026-12-24T09:00"));
            return null;
        }
    }
}
