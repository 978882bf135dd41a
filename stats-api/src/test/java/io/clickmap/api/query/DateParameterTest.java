package io.clickmap.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.errors.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateParameterTest {
    private static final Instant NOW = Instant.parse("2026-11-25T19:20:30.456Z");

    private static String range(String from, String to) {
        DateRange range = DateParameter.parse(from, to, NOW);
        return range.from() + " " + range.to();
    }

    @Test
    void theDefaultIsSevenDaysBackToTheEndOfToday() {
        assertThat(range(null, null)).isEqualTo("2026-11-18T00:00:00Z 2026-11-25T23:59:59Z");
    }

    @Test
    void absoluteDatesAndTimesInEveryAcceptedShape() {
        assertThat(range("2026-11-20", "2026-11-21")).isEqualTo("2026-11-20T00:00:00Z 2026-11-21T23:59:59Z");
        assertThat(range("2026-11-20T08:21:34.000Z", "2026-11-21T08:21:34.999Z")).isEqualTo("2026-11-20T00:00:00Z 2026-11-21T08:21:34Z");
        assertThat(range("2026-11-20 08:21:34", "2026-11-21T10:00:00+02:00")).isEqualTo("2026-11-20T00:00:00Z 2026-11-21T08:00:00Z");
        assertThat(range("2026-11-20", "2026-11-21T10:00:00+0200")).isEqualTo("2026-11-20T00:00:00Z 2026-11-21T08:00:00Z");
    }

    @Test
    void relativeDatesCountBackFromNow() {
        assertThat(range("-24h", "-1h")).isEqualTo("2026-11-24T00:00:00Z 2026-11-25T18:20:30Z");
        assertThat(range("-2w", "-1d")).isEqualTo("2026-11-11T00:00:00Z 2026-11-24T23:59:59Z");
        assertThat(range("-3m", "dStart")).isEqualTo("2026-08-25T00:00:00Z 2026-11-25T23:59:59Z");
        assertThat(range("-1y", null)).isEqualTo("2025-11-25T00:00:00Z 2026-11-25T23:59:59Z");
        assertThat(range("mStart", null)).isEqualTo("2026-11-01T00:00:00Z 2026-11-25T23:59:59Z");
        assertThat(range("yStart", null)).isEqualTo("2026-01-01T00:00:00Z 2026-11-25T23:59:59Z");
        assertThat(range("all", "all")).isEqualTo("1970-01-01T00:00:00Z 2026-11-25T23:59:59Z");
    }

    @Test
    void datesBeyondWhatClickHouseStoresAreClamped() {
        assertThat(range("1900-01-01", "2200-01-01")).isEqualTo("1970-01-01T00:00:00Z 2105-12-31T23:59:59Z");
        assertThat(range("-999999y", null)).startsWith("1970-01-01T00:00:00Z");
    }

    @Test
    void aWindowWhollyAfterTheLastStorableDayIsClampedToThatDayStartingAtItsStart() {
        assertThat(range("2200-01-01", "2200-01-02")).isEqualTo("2105-12-31T00:00:00Z 2105-12-31T23:59:59Z");
        assertThat(range("+999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z")).isEqualTo("2105-12-31T00:00:00Z 2105-12-31T23:59:59Z");
        assertThat(range("2105-12-31T18:00:00Z", "2106-01-01T06:00:00Z")).isEqualTo("2105-12-31T00:00:00Z 2105-12-31T23:59:59Z");
        assertThat(range("1900-01-01", "1900-01-02")).isEqualTo("1970-01-01T00:00:00Z 1970-01-01T00:00:00Z");
    }

    @Test
    void anythingElseIsRefusedNamingTheParameter() {
        for (String bad : new String[] {"today", "-7", "7d", "-7D", "-1000000d", "2026-13-01", "2026-11-20T25:00:00Z", ""}) {
            assertThatThrownBy(() -> DateParameter.parse(bad, null, NOW)).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().attr()).isEqualTo("date_from"));
        }
        assertThatThrownBy(() -> DateParameter.parse("2026-11-21", "2026-11-20", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().detail()).isEqualTo("date_to must not be before date_from."));
    }
}
