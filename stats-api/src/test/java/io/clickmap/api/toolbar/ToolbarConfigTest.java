package io.clickmap.api.toolbar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** clickmap.toolbar-token-lifetime: an hour when unset, and a lifetime outside 1 minute–24 hours stops start-up naming it. */
class ToolbarConfigTest {

    @Test
    void anUnsetLifetimeIsAnHour() {
        assertThat(new ToolbarConfig(null).toolbarTokenLifetime()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theBoundsAreAccepted() {
        assertThat(new ToolbarConfig(Duration.ofMinutes(1)).toolbarTokenLifetime()).isEqualTo(ToolbarConfig.MIN_TOOLBAR_TOKEN_LIFETIME);
        assertThat(new ToolbarConfig(Duration.ofHours(24)).toolbarTokenLifetime()).isEqualTo(ToolbarConfig.MAX_TOOLBAR_TOKEN_LIFETIME);
    }

    @Test
    void aLifetimeOutOfBoundsStopsStartUpNamingTheSetting() {
        for (Duration lifetime : new Duration[] {Duration.ofSeconds(59), Duration.ofHours(24).plusSeconds(1), Duration.ZERO, Duration.ofMinutes(-5)}) {
            assertThatThrownBy(() -> new ToolbarConfig(lifetime)).as(lifetime.toString())
                    .hasMessage("Setting clickmap.toolbar-token-lifetime must be between 1 minute and 24 hours, so that a leaked launch link ends soon");
        }
    }
}
