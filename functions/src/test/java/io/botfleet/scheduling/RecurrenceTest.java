package io.botfleet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RecurrenceTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void readsTheFieldsAsWallClockTimesOfTheZoneAcrossADaylightSavingChange() {
        Recurrence daily = Recurrence.parse("cron(0 9 * * ? *)");
        // Berlin moves to summer time on 2026-03-29: 09:00 is 08:00Z before, 07:00Z after
        assertThat(daily.next(Instant.parse("2026-03-27T12:00:00Z"), BERLIN, null, 3)).containsExactly(
                Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z"), Instant.parse("2026-03-30T07:00:00Z"));
    }

    @Test
    void daysOfTheWeekCountFromSundayByNumberOrName() {
        Instant saturday = Instant.parse("2026-11-28T12:00:00Z");
        assertThat(Recurrence.parse("30 8 ? * 2 *").next(saturday, ZoneId.of("UTC")))
                .contains(Instant.parse("2026-11-30T08:30:00Z"));
        assertThat(Recurrence.parse("30 8 ? * MON-FRI *").next(saturday, ZoneId.of("UTC")))
                .contains(Instant.parse("2026-11-30T08:30:00Z"));
        assertThat(Recurrence.parse("0 12 ? * 6#1 *").next(saturday, ZoneId.of("UTC")))
                .contains(Instant.parse("2026-12-04T12:00:00Z"));
    }

    @Test
    void stopsAtTheEndAndTellsItsOwnOccurrences() {
        Recurrence hourly = Recurrence.parse("0 * * * ? *");
        Instant start = Instant.parse("2026-12-01T10:30:00Z");
        assertThat(hourly.next(start, ZoneId.of("UTC"), Instant.parse("2026-12-01T12:00:00Z"), 5)).hasSize(2);
        assertThat(hourly.occursAt(Instant.parse("2026-12-01T11:00:00Z"), ZoneId.of("UTC"))).isTrue();
        assertThat(hourly.occursAt(Instant.parse("2026-12-01T11:05:00Z"), ZoneId.of("UTC"))).isFalse();
    }

    @Test
    void refusesWhatEventBridgeSchedulerRefuses() {
        assertThatThrownBy(() -> Recurrence.parse("0 9 * * *")).hasMessageContaining("six fields");
        assertThatThrownBy(() -> Recurrence.parse("0 9 * * * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recurrence.parse("61 9 * * ? *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recurrence.parse("0 9 ? * 8 *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recurrence.parse("every day")).isInstanceOf(IllegalArgumentException.class);
    }
}
