package io.clickmap.api.values;

import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The most frequent values of one attribute in an environment's {@code $autocapture} chains (any date): at
 * most {@link #SCANNED} matching events are read, the top {@link #TOP} values returned, ties by value.
 * The optional {@code value} is a literal, case-sensitive substring. ClickHouse failures pass through.
 */
@Singleton
class ValuesQuery {
    static final int SCANNED = 100_000;
    static final int TOP = 100;
    private static final SqlTemplate QUERY = SqlTemplate.of("""
            SELECT extracted AS name, count() AS hits
            FROM (
                SELECT extract(elements_chain, {pattern}) AS extracted
                FROM events
                WHERE team_id = {team} AND event = '$autocapture' AND extracted != '' AND {contains}
                LIMIT {scanned}
            )
            GROUP BY extracted
            ORDER BY hits DESC, extracted ASC
            LIMIT {top}""");
    private static final SqlTemplate CONTAINS = SqlTemplate.of("position(extracted, {value}) > 0");

    private final ClickHouseSql sql;

    ValuesQuery(ClickHouseSql sql) {
        this.sql = sql;
    }

    List<String> values(long environmentId, ValuesKey key, String value, ServerTiming timing) {
        if (key.pattern().isEmpty()) {
            return List.of();
        }
        Fragment contains = value == null || value.isEmpty() ? Fragment.code("1") : CONTAINS.bind("value", value).fragment();
        String statement = QUERY.bind("pattern", key.pattern().get())
                .bind("team", environmentId)
                .bind("contains", contains)
                .bind("scanned", SCANNED)
                .bind("top", TOP)
                .render();
        long started = System.nanoTime();
        List<String> names = sql.query(statement, row -> row.get("name").asText());
        timing.addClickHouse(System.nanoTime() - started);
        return names;
    }
}
