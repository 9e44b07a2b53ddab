package io.jobfleet.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parsing (five or six fields, time zones) and slot arithmetic, including daylight saving changes. */
class CronScheduleTest {
    @Test
    void fiveFieldsAreUnixCronAndSixHaveSecondsFirst() {
        CronSchedule nightly = CronSchedule.parse("0 3 * * *", "UTC");
        assertThat(nightly.next(Instant.parse("2025-03-01T10:00:00Z"))).contains(Instant.parse("2025-03-02T03:00:00Z"));
        CronSchedule tenSeconds = CronSchedule.parse("*/10 * * * * *", "UTC");
        assertThat(tenSeconds.next(Instant.parse("2025-03-01T10:00:05.500Z")))
                .contains(Instant.parse("2025-03-01T10:00:10Z"));
        CronSchedule weekdays = CronSchedule.parse("30 9 * * MON-FRI", "UTC");
        assertThat(weekdays.next(Instant.parse("2025-03-01T00:00:00Z"))) // a Saturday
                .contains(Instant.parse("2025-03-03T09:30:00Z"));
        assertThat(CronSchedule.parse("0 0 * * 7", "UTC").next(Instant.parse("2025-03-01T00:00:00Z")))
                .as("7 is Sunday, as 0").contains(Instant.parse("2025-03-02T00:00:00Z"));
    }

    @Test
    void nextIsStrictlyAfterAndLatestIsAtOrBefore() {
        CronSchedule everySecond = CronSchedule.parse("* * * * * *", "UTC");
        Instant t = Instant.parse("2025-03-01T10:00:07Z");
        assertThat(everySecond.next(t)).contains(t.plusSeconds(1));
        assertThat(everySecond.previous(t)).contains(t.minusSeconds(1));
        assertThat(everySecond.latestAtOrBefore(t)).contains(t);
        assertThat(everySecond.latestAtOrBefore(t.plusMillis(999))).contains(t);
        assertThat(everySecond.next(t.plusMillis(300))).as("slots are whole seconds").contains(t.plusSeconds(1));
        assertThat(everySecond.previous(t.plusMillis(300))).contains(t);
    }

    @Test
    void theTimeZoneSetsTheWallClock() {
        CronSchedule paris = CronSchedule.parse("0 3 * * *", "Europe/Paris");
        assertThat(paris.next(Instant.parse("2025-01-10T12:00:00Z"))).contains(Instant.parse("2025-01-11T02:00:00Z"));
        assertThat(paris.next(Instant.parse("2025-07-10T12:00:00Z"))).contains(Instant.parse("2025-07-11T01:00:00Z"));
    }

    @Test
    void daylightSavingChangesAsCronUtilsDefinesThem() {
        // Europe/Paris: 2025-03-30 02:00 -> 03:00 (02:30 does not exist); 2025-10-26 03:00 -> 02:00 (02:30 twice)
        CronSchedule at0230 = CronSchedule.parse("30 2 * * *", "Europe/Paris");
        assertThat(at0230.next(Instant.parse("2025-03-29T12:00:00Z")))
                .as("a wall-clock time the spring change skips has no slot that day")
                .contains(Instant.parse("2025-03-31T00:30:00Z"));
        Instant autumn = at0230.next(Instant.parse("2025-10-25T12:00:00Z")).orElseThrow();
        assertThat(autumn).as("a wall-clock time the autumn change repeats fires once, at its first occurrence")
                .isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
        assertThat(at0230.next(autumn)).contains(Instant.parse("2025-10-27T01:30:00Z"));
        CronSchedule hourly = CronSchedule.parse("0 * * * *", "Europe/Paris");
        Instant h = Instant.parse("2025-10-25T23:30:00Z");
        java.util.List<Instant> slots = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            h = hourly.next(h).orElseThrow();
            slots.add(h);
        }
        assertThat(slots).as("hourly stays hourly in real time through the repeated hour").containsExactly(
                Instant.parse("2025-10-26T00:00:00Z"), Instant.parse("2025-10-26T01:00:00Z"),
                Instant.parse("2025-10-26T02:00:00Z"), Instant.parse("2025-10-26T03:00:00Z"));
    }

    @Test
    void badExpressionsAndZonesAreRefusedReadably() {
        assertThatThrownBy(() -> CronSchedule.parse("0 3 * *", "UTC")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has 4 field(s)");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", "UTC")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid");
        assertThatThrownBy(() -> CronSchedule.parse("0 3 * * *", "Mars/Olympus")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown time zone 'Mars/Olympus'");
    }
}
