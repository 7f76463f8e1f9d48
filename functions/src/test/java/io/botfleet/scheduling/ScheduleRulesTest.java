package io.botfleet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.broadcast.campaign.CampaignSchedule;
import io.botfleet.shared.errors.Refusal;
import java.time.Instant;
import java.time.LocalDateTime;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void aTimeIsAWallClockTimeOfItsZone() {
        CampaignSchedule s = ScheduleRules.resolve("2026-12-24T09:00", null, "America/New_York", null, NOW);
        assertThat(s.at()).isEqualTo(LocalDateTime.parse("2026-12-24T09:00"));
        assertThat(s.due()).isEqualTo(Instant.parse("2026-12-24T14:00:00Z"));
        assertThat(s.recurring()).isFalse();
        assertThat(ScheduleRules.upcoming(s, 5)).containsExactly(s.due());
    }

    @Test
    void aRecurrenceWaitsForItsFirstOccurrenceAndListsTheNextOnesUpToItsEnd() {
        CampaignSchedule s = ScheduleRules.resolve(null, "cron(0 10 ? * MON *)", "Europe/London", "2026-12-15T00:00", NOW);
        assertThat(s.cron()).isEqualTo("0 10 ? * MON *");
        assertThat(s.due()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(ScheduleRules.upcoming(s, 5)).containsExactly(Instant.parse("2026-11-30T10:00:00Z"),
                Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-14T10:00:00Z"));
    }

    @Test
    void eachWrongFieldIsNamed() {
        refused(() -> ScheduleRules.resolve("2026-11-30T09:59", null, "Europe/Berlin", null, NOW), "at", "IN_PAST");
        refused(() -> ScheduleRules.resolve(null, "0 9 * * *", "UTC", null, NOW), "cron", "INVALID_CRON");
        refused(() -> ScheduleRules.resolve("2026-12-24T09:00", null, "Mars/Olympus", null, NOW), "timeZone", "UNKNOWN_TIME_ZONE");
        refused(() -> ScheduleRules.resolve("2026-12-24T09:00", null, "+02:00", null, NOW), "timeZone", "UNKNOWN_TIME_ZONE");
        refused(() -> ScheduleRules.resolve(null, "0 9 * * ? *", "UTC", "2026-11-29T00:00", NOW), "endDate", "END_BEFORE_START");
        refused(() -> ScheduleRules.resolve(null, "0 9 1 1 ? *", "UTC", "2026-12-31T00:00", NOW), "endDate", "NO_OCCURRENCE");
        refused(() -> ScheduleRules.resolve(null, null, "UTC", null, NOW), "at", "REQUIRED");
        refused(() -> ScheduleRules.resolve("2026-12-24T09:00", "0 9 * * ? *", "UTC", null, NOW), "cron", "EXCLUSIVE");
        refused(() -> ScheduleRules.resolve("tomorrow", null, "UTC", null, NOW), "at", "INVALID_TIME");
        refused(() -> ScheduleRules.resolve("2026-12-24T09:00", null, null, null, NOW), "timeZone", "REQUIRED");
    }

    private static void refused(ThrowingCallable call, String field, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID);
            assertThat(r.fieldErrors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                    .contains(org.assertj.core.groups.Tuple.tuple(field, code));
        });
    }
}
