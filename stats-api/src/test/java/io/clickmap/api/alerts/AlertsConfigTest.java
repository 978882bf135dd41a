package io.clickmap.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checker's one setting: unset takes the default, 0s turns checks off, anything outside 0s–1h stops start-up naming it. */
class AlertsConfigTest {

    @Test
    void unsetChecksEveryMinuteAndZeroNever() {
        assertThat(new AlertsConfig(null).alertCheckInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(new AlertsConfig(null).checks()).isTrue();
        assertThat(new AlertsConfig(Duration.ZERO).checks()).isFalse();
    }

    @Test
    void anIntervalOutsideItsRangeStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> new AlertsConfig(Duration.ofHours(2))).hasMessageContaining("clickmap.alert-check-interval").hasMessageContaining("60m");
        assertThatThrownBy(() -> new AlertsConfig(Duration.ofSeconds(-1))).hasMessageContaining("clickmap.alert-check-interval");
    }
}
