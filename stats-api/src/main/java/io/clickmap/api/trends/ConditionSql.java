package io.clickmap.api.trends;

import io.clickmap.api.query.FilterSql;
import io.clickmap.api.query.PropertyFilter;
import io.clickmap.clickhouse.SqlLiteral;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link Condition} as a WHERE clause over {@code events}. Event-property filters render as the stats API
 * renders them ({@link FilterSql}); an element filter renders as membership of the event's chain in the set of
 * chains it matches, which {@link ChainMatches} found in Java beforehand.
 */
final class ConditionSql {
    private final ChainMatches chains;

    ConditionSql(ChainMatches chains) {
        this.chains = chains;
    }

    Fragment render(Condition condition) {
        if (condition instanceof Condition.All all) {
            return all.conditions().isEmpty() ? Fragment.code("1") : join(all.conditions(), " AND ");
        }
        if (condition instanceof Condition.Any any) {
            return any.conditions().isEmpty() ? Fragment.code("0") : join(any.conditions(), " OR ");
        }
        if (condition instanceof Condition.Event event) {
            return FilterSql.condition(event.filter(), source(event.filter()));
        }
        if (condition instanceof Condition.EventName name) {
            return new Fragment("(event = " + SqlLiteral.render(name.event()) + ")");
        }
        return chains.condition(((Condition.Element) condition).filter());
    }

    private Fragment join(List<Condition> conditions, String operator) {
        return new Fragment(conditions.stream().map(member -> render(member).sql()).collect(Collectors.joining(operator, "(", ")")));
    }

    private static FilterSql.Source source(PropertyFilter filter) {
        return filter.key().equals(PropertyFilter.CURRENT_URL) ? FilterSql.EVENT_URL : FilterSql.eventProperty(filter.key());
    }
}
