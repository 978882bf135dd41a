package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.testing.ClickHouseExtension;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each interval's bucket SQL puts a stored time in the same bucket as {@link TrendsInterval#bucketStart}, on the real
 * ClickHouse the tests start (18.16 here; the expressions avoid functions newer releases changed), as a UInt32.
 */
class TrendsBucketSqlTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final List<String> TIMES = List.of(
            "2020-01-11 13:45:00", // a Saturday
            "2020-01-12 00:00:00", // a Sunday's first second
            "2020-01-12 23:59:59",
            "2020-01-13 00:00:00", // a Monday
            "2019-12-31 23:59:59", // a year's and a month's last second
            "2020-01-31 23:30:00",
            "2020-02-29 12:00:00", // a leap day
            "2020-03-01 00:00:00",
            "2000-02-29 23:59:59",
            "1970-01-01 00:00:00", // the first second, a Thursday
            "1970-01-03 23:59:59",
            "1970-01-04 00:00:00", // the first Sunday
            "2105-12-31 23:59:59"); // the last second ClickHouse's DateTime holds

    @BeforeAll
    static void storeTheTimes() {
        CLICKHOUSE.sql("CREATE TABLE times (ts DateTime('UTC')) ENGINE = Memory");
        CLICKHOUSE.sql("INSERT INTO times VALUES " + TIMES.stream().map(t -> "('" + t + "')").collect(Collectors.joining(", ")));
    }

    @Test
    void hourBucketsAgreeWithClickHouse() {
        assertClickHouseAgrees(TrendsInterval.HOUR);
    }

    @Test
    void dayBucketsAgreeWithClickHouse() {
        assertClickHouseAgrees(TrendsInterval.DAY);
    }

    @Test
    void weekBucketsStartOnSundayInClickHouseToo() {
        assertClickHouseAgrees(TrendsInterval.WEEK);
    }

    @Test
    void monthBucketsAgreeWithClickHouse() {
        assertClickHouseAgrees(TrendsInterval.MONTH);
    }

    private static void assertClickHouseAgrees(TrendsInterval interval) {
        String sql = interval.bucketSql("ts");
        List<String> rows = CLICKHOUSE.sql("SELECT toUInt32(ts), " + sql + ", toTypeName(" + sql + ") FROM times FORMAT TabSeparated")
                .strip().lines().toList();
        assertThat(rows).hasSize(TIMES.size());
        for (String row : rows) {
            String[] columns = row.split("\t");
            // Epoch seconds, since 18.16 writes 1970-01-01 00:00:00 as 0000-00-00 00:00:00.
            Instant stored = Instant.ofEpochSecond(Long.parseLong(columns[0]));
            assertThat(columns[2]).as(sql).isEqualTo("UInt32");
            assertThat(Instant.ofEpochSecond(Long.parseLong(columns[1]))).as(interval + " of " + stored).isEqualTo(interval.bucketStart(stored));
        }
    }
}
