package io.clickmap.api.query;

import io.clickmap.clickhouse.SqlLiteral;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders property filters as SQL conditions. The same predicate serves both storage paths: only the column
 * the URL is read from differs ({@code events.current_url} or {@code element_urls.url}), so both paths
 * select exactly the same events. Filter values enter SQL only through {@link SqlLiteral}.
 */
public final class FilterSql {
    /** Where a property's value and presence come from. */
    public record Source(Fragment value, Fragment present) {
    }

    public static final Source EVENT_URL = new Source(Fragment.code("current_url"), Fragment.code("current_url != ''"));
    public static final Source ROLLUP_URL = new Source(Fragment.code("url"), Fragment.code("url != ''"));

    private static final SqlTemplate PROPERTY_VALUE = SqlTemplate.of("property_values[indexOf(property_keys, {key})]");
    private static final SqlTemplate PROPERTY_PRESENT = SqlTemplate.of("has(property_keys, {key})");
    private static final SqlTemplate ANY_OF = SqlTemplate.of("({present} AND {value} IN ({values}))");
    private static final SqlTemplate CONTAINS = SqlTemplate.of("({present} AND positionCaseInsensitiveUTF8({value}, {needle}) > 0)");
    private static final SqlTemplate MATCHES = SqlTemplate.of("({present} AND match({value}, {regex}))");
    private static final SqlTemplate COMPARES = SqlTemplate.of("({present} AND toFloat64OrNull({value}) {comparison} {number})");
    private static final SqlTemplate NOT = SqlTemplate.of("(NOT {condition})");
    // The URL without protocol, a leading www., query, fragment and one trailing slash ("simple" matching).
    private static final SqlTemplate SIMPLE_URL = SqlTemplate.of("replaceRegexpOne(replaceRegexpOne(replaceRegexpOne(replaceRegexpOne("
            + "{url}, '^[A-Za-z][A-Za-z0-9+.-]*://', ''), '^www\\\\.', ''), '(?s)[?#].*', ''), '/$', '')");

    private FilterSql() {
    }

    public static Source eventProperty(String key) {
        return new Source(PROPERTY_VALUE.bind("key", key).fragment(), PROPERTY_PRESENT.bind("key", key).fragment());
    }

    /** All filters joined with AND; {@code 1} when there are none. */
    public static Fragment all(List<PropertyFilter> filters, Function<PropertyFilter, Source> sourceOf) {
        if (filters.isEmpty()) {
            return Fragment.code("1");
        }
        return new Fragment(filters.stream().map(filter -> condition(filter, sourceOf.apply(filter)).sql())
                .collect(Collectors.joining(" AND ")));
    }

    public static Fragment condition(PropertyFilter filter, Source source) {
        return switch (filter.operator()) {
            case EXACT -> anyOf(filter, source);
            case IS_NOT -> not(anyOf(filter, source));
            case ICONTAINS -> contains(filter, source);
            case NOT_ICONTAINS -> not(contains(filter, source));
            case REGEX -> matches(filter, source);
            case NOT_REGEX -> not(matches(filter, source));
            case IS_SET -> new Fragment("(" + source.present().sql() + ")");
            case IS_NOT_SET -> not(source.present());
            case SIMPLE -> simple(filter, source);
            case GT -> compares(filter, source, ">");
            case GTE -> compares(filter, source, ">=");
            case LT -> compares(filter, source, "<");
            case LTE -> compares(filter, source, "<=");
        };
    }

    private static Fragment anyOf(PropertyFilter filter, Source source) {
        return ANY_OF.bind("present", source.present()).bind("value", source.value()).bind("values", list(filter.values())).fragment();
    }

    private static Fragment contains(PropertyFilter filter, Source source) {
        return CONTAINS.bind("present", source.present()).bind("value", source.value()).bind("needle", filter.values().get(0)).fragment();
    }

    private static Fragment matches(PropertyFilter filter, Source source) {
        return MATCHES.bind("present", source.present()).bind("value", source.value()).bind("regex", filter.values().get(0)).fragment();
    }

    private static Fragment compares(PropertyFilter filter, Source source, String comparison) {
        return COMPARES.bind("present", source.present()).bind("value", source.value()).bind("comparison", Fragment.code(comparison))
                .bind("number", Double.parseDouble(filter.values().get(0).strip())).fragment();
    }

    private static Fragment simple(PropertyFilter filter, Source source) {
        Fragment normalisedValues = new Fragment(filter.values().stream()
                .map(value -> SIMPLE_URL.bind("url", value).render())
                .collect(Collectors.joining(", ")));
        return ANY_OF.bind("present", source.present())
                .bind("value", SIMPLE_URL.bind("url", source.value()).fragment())
                .bind("values", normalisedValues)
                .fragment();
    }

    private static Fragment not(Fragment condition) {
        return NOT.bind("condition", condition).fragment();
    }

    /** The event-type condition; {@code =} for one type, which ClickHouse 18.16 evaluates faster than {@code IN}. */
    public static Fragment eventIs(List<String> events) {
        return new Fragment(events.size() == 1 ? "event = " + SqlLiteral.render(events.get(0)) : "event IN (" + list(events).sql() + ")");
    }

    /** Values as a comma-separated list of literals, for {@code IN (…)}. */
    public static Fragment list(List<?> values) {
        return new Fragment(values.stream().map(SqlLiteral::render).collect(Collectors.joining(", ")));
    }
}
