package io.clickmap.api.query;

import io.clickmap.api.clickhouse.ClickHouseFailure;
import io.clickmap.api.errors.ApiException;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The last line of defence for regex filters: when ClickHouse fails a query in a way the statement may
 * have caused, and the query carries regexes which passed the Java-side checks, each regex is compiled on its own
 * by ClickHouse; one that fails is the client's fault (400), otherwise the original failure stands. No error
 * text is read.
 */
@Singleton
public class RegexProbe {
    private static final SqlTemplate COMPILE = SqlTemplate.of("SELECT match('', {regex}) AS matched");
    private final ClickHouseSql sql;

    public RegexProbe(ClickHouseSql sql) {
        this.sql = sql;
    }

    public void blameRegexes(List<PropertyFilter> filters, RuntimeException failure) {
        if (!ClickHouseFailure.mayBeTheStatement(failure)) {
            return;
        }
        for (PropertyFilter filter : filters) {
            if (!filter.operator().isRegex()) {
                continue;
            }
            try {
                sql.query(COMPILE.bind("regex", filter.values().get(0)).render(), row -> row);
            } catch (RuntimeException refused) {
                if (ClickHouseFailure.mayBeTheStatement(refused)) {
                    throw ApiException.invalid(PropertiesParameter.NAME,
                            "Invalid regular expression in the filter on " + filter.key() + ": ClickHouse's RE2 cannot compile it.");
                }
                throw refused;
            }
        }
    }
}
