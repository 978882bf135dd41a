package io.clickmap.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the next check is due after one made at a given moment, per calculation interval (UTC). */
class CalculationIntervalTest {
    private static final Instant NOW = Instant.parse("2026-03-04T10:17:30Z"); // a Wednesday

    @Test
    void hourlyChecksKeepTheMinuteTheyWereDueAt() {
        assertThat(CalculationInterval.HOURLY.nextCheck(Instant.parse("2026-03-04T10:05:00Z"), NOW)).isEqualTo("2026-03-04T11:05:00Z");
    }

    @Test
    void anHourlyCheckThatRanLateIsNextDueWithinTheHourNotAtOnce() {
        assertThat(CalculationInterval.HOURLY.nextCheck(Instant.parse("2026-03-04T07:05:00Z"), NOW)).isEqualTo("2026-03-04T11:05:00Z");
        assertThat(CalculationInterval.HOURLY.nextCheck(Instant.parse("2026-03-04T09:17:30Z"), NOW)).as("exactly an hour late")
                .isEqualTo("2026-03-04T11:17:30Z");
    }

    @Test
    void dailyChecksRunAfterOneOclockTheNextDay() {
        assertThat(CalculationInterval.DAILY.nextCheck(NOW, NOW)).isEqualTo("2026-03-05T01:17:30Z");
    }

    @Test
    void weeklyChecksRunAfterThreeOclockTheNextMonday() {
        assertThat(CalculationInterval.WEEKLY.nextCheck(NOW, NOW)).isEqualTo("2026-03-09T03:17:30Z");
        assertThat(CalculationInterval.WEEKLY.nextCheck(NOW, Instant.parse("2026-03-09T03:20:00Z"))).as("checked on a Monday: the next one")
                .isEqualTo("2026-03-16T03:20:00Z");
    }

    @Test
    void monthlyChecksRunAfterFourOclockOnTheFirstOfTheNextMonth() {
        assertThat(CalculationInterval.MONTHLY.nextCheck(NOW, Instant.parse("2026-01-31T22:00:00Z"))).isEqualTo("2026-02-01T04:00:00Z");
    }
}
