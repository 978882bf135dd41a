package io.clickmap.api.stats;

import io.clickmap.api.query.DateRange;
import io.clickmap.api.query.PropertyFilter;
import io.clickmap.api.query.PropertyOperator;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoragePathTest {
    private static final DateRange WEEK = new DateRange(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-07T12:00:00Z"));
    private static final PropertyFilter URL = new PropertyFilter("$current_url", PropertyOperator.ICONTAINS, List.of("x"));
    private static final PropertyFilter PLAN = new PropertyFilter("plan", PropertyOperator.EXACT, List.of("pro"));

    private static StatsQuery query(List<PropertyFilter> filters, double sampling) {
        return new StatsQuery(1, List.of("$autocapture"), WEEK, filters, 100, 0, sampling);
    }

    @Test
    void exactCountsWithoutFiltersOrWithPageFiltersComeFromTheRollup() {
        assertThat(StoragePath.choose(query(List.of(), 1.0), false)).isEqualTo(StoragePath.ROLLUP);
        assertThat(StoragePath.choose(query(List.of(URL), 1.0), false)).isEqualTo(StoragePath.ROLLUP);
    }

    @Test
    void samplingOrFiltersOnOtherPropertiesNeedTheRawEvents() {
        assertThat(StoragePath.choose(query(List.of(), 0.5), false)).isEqualTo(StoragePath.RAW);
        assertThat(StoragePath.choose(query(List.of(URL, PLAN), 1.0), false)).isEqualTo(StoragePath.RAW);
    }

    @Test
    void theRawSettingForcesTheRawEvents() {
        assertThat(StoragePath.choose(query(List.of(), 1.0), true)).isEqualTo(StoragePath.RAW);
    }

    @Test
    void aRangeEndingBeforeTheLastSecondOfItsDayHasAPartialLastDay() {
        assertThat(WEEK.lastDayIsWhole()).isFalse();
        assertThat(new DateRange(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-07T23:59:59Z")).lastDayIsWhole()).isTrue();
    }
}
