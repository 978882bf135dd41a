package io.clickmap.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.clickhouse.Micros;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an alert's checks say of it: only checks under its current epoch decide its state and its next check. */
class AlertStatusTest {
    private static final long EPOCH = Micros.of(Instant.parse("2026-03-04T10:00:00Z"));

    private static StoredAlert alert(boolean enabled) {
        AlertFields fields = new AlertFields(7, "Rage", enabled, ConditionType.ABSOLUTE_VALUE, TrendsAlertConfig.DEFAULT, CalculationInterval.HOURLY,
                null, List.of());
        return new StoredAlert("a", fields, Instant.parse("2026-03-01T00:00:00Z"), 1, EPOCH, EPOCH, false, 1);
    }

    private static AlertCheck check(String at, long epoch, AlertState state, Double value) {
        return new AlertCheck("a", Instant.parse(at), epoch, state, value, "", Instant.parse(at).plusSeconds(3600), "day");
    }

    @Test
    void anAlertNeverCheckedIsNotFiringAndDueSinceItsEpochBegan() {
        AlertStatus status = AlertStatus.of(alert(true), List.of());

        assertThat(status.state()).isEqualTo(AlertState.NOT_FIRING);
        assertThat(status.nextCheckAt()).isEqualTo("2026-03-04T10:00:00Z");
        assertThat(status.isDue(Instant.parse("2026-03-04T10:00:00Z"))).isTrue();
        assertThat(status.lastCheckedAt()).isNull();
    }

    @Test
    void theNewestCheckOfTheCurrentEpochGivesTheStateAndTheNextCheck() {
        AlertStatus status = AlertStatus.of(alert(true), List.of(check("2026-03-04T10:01:00Z", EPOCH, AlertState.FIRING, 5.0),
                check("2026-03-04T09:01:00Z", EPOCH - 1, AlertState.NOT_FIRING, 1.0)));

        assertThat(status.state()).isEqualTo(AlertState.FIRING);
        assertThat(status.lastValue()).isEqualTo(5.0);
        assertThat(status.nextCheckAt()).isEqualTo("2026-03-04T11:01:00Z");
        assertThat(status.isDue(Instant.parse("2026-03-04T10:30:00Z"))).isFalse();
    }

    @Test
    void aCheckOfAnEarlierEpochIsTheLastCheckButDecidesNothing() {
        AlertStatus status = AlertStatus.of(alert(true), List.of(check("2026-03-04T10:01:00Z", EPOCH - 1, AlertState.FIRING, 5.0)));

        assertThat(status.state()).isEqualTo(AlertState.NOT_FIRING);
        assertThat(status.lastCheckedAt()).isEqualTo("2026-03-04T10:01:00Z");
        assertThat(status.lastValue()).isEqualTo(5.0);
        assertThat(status.isDue(Instant.parse("2026-03-04T10:02:00Z"))).isTrue();
    }

    @Test
    void aDisabledAlertIsNotFiringAndNeverDue() {
        AlertStatus status = AlertStatus.of(alert(false), List.of(check("2026-03-04T10:01:00Z", EPOCH, AlertState.FIRING, 5.0)));

        assertThat(status.state()).isEqualTo(AlertState.NOT_FIRING);
        assertThat(status.nextCheckAt()).isNull();
        assertThat(status.isDue(Instant.parse("2030-01-01T00:00:00Z"))).isFalse();
    }
}
