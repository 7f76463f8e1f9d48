package io.botfleet.api;

/**
 * A schedule as the API receives it: {@code at} (a local date and time) or {@code cron} (an AWS cron expression), in
 * the IANA {@code timeZone}; {@code endDate} (local, same zone) ends a recurring one. Beyond the text rules here, the
 * times are judged by the scheduling rules (past, invalid, unknown zone, end before start: 422 naming the field).
 */
record ScheduleBody(String at, String cron, String timeZone, String endDate) implements Validation.Validatable {
    @Override
    public void validate(Validation v) {
        v.text("at", at, 1, 32);
        v.text("cron", cron, 1, 256);
        v.text("timeZone", timeZone, 1, 64);
        v.text("endDate", endDate, 1, 32);
    }
}
