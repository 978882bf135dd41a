package io.clickmap.api.query;

import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.math.BigDecimal;

/**
 * A query's sampling factor: the share of users (by {@code cityHash64(distinct_id)}, the events' sampling key) whose
 * events are read. 1 reads every event; counts are not scaled up.
 */
public final class Sampling {
    /** Below one in a million the scaled counts would be noise, and {@code count / f} could overflow. */
    public static final double MIN_FACTOR = 0.000001;
    public static final double MAX_FACTOR = 1.0;

    private Sampling() {
    }

    public static boolean isFactor(double factor) {
        return factor >= MIN_FACTOR && factor <= MAX_FACTOR;
    }

    /** The {@code SAMPLE} clause after {@code FROM events}: none at 1. */
    public static Fragment clause(double factor) {
        return factor >= MAX_FACTOR ? Fragment.EMPTY : Fragment.code("SAMPLE " + BigDecimal.valueOf(factor).toPlainString());
    }
}
