package io.clickmap.api.trends;

import io.clickmap.api.query.FilterSql;
import io.clickmap.api.query.PropertyFilter;
import io.clickmap.clickhouse.SqlLiteral;
import io.clickmap.clickhouse.SqlTemplate;
import io.clickmap.clickhouse.SqlTemplate.Fragment;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A {@link Condition} as a WHERE clause over {@code events} or over one of the daily rollups. Event-property filters
 * render as the stats API renders them ({@link FilterSql}); an element filter renders as membership of the chain in
 * the set of chains it matches, which {@link ChainMatches} found in Java beforehand. On the rollups only what they
 * hold can be asked ({@link #rollupsHold}): the event's name, its page URL and (except on {@code clicks_daily}) its
 * chain — the same predicate on the same value, so both select exactly the events the {@code events} clause selects.
 */
final class ConditionSql {
    // Page-URL filters are evaluated once per distinct URL, as the stats API's rollup path does.
    private static final SqlTemplate DAILY_URLS = SqlTemplate.of("url_hash IN (SELECT url_hash FROM element_urls WHERE team_id = {team} AND {filter})");

    private final ChainMatches chains;

    ConditionSql(ChainMatches chains) {
        this.chains = chains;
    }

    /** Whether every filter of the condition is on the event's name, its {@code $current_url} or its chain. */
    static boolean rollupsHold(Condition condition) {
        return everyLeaf(condition, leaf -> leaf instanceof Condition.EventName || leaf instanceof Condition.Element
                || leaf instanceof Condition.Event event && event.filter().key().equals(PropertyFilter.CURRENT_URL));
    }

    /** Whether the condition names events and nothing else (a series' own event is apart from it): all {@code daily_ids} can ask. */
    static boolean eventNamesOnly(Condition condition) {
        return everyLeaf(condition, leaf -> leaf instanceof Condition.EventName);
    }

    /** Over {@code daily_ids}, for a condition on event names alone. */
    Fragment onDailyIds(Condition condition) {
        return render(condition, leaf -> {
            throw new IllegalArgumentException("daily_ids holds event names and ids only, so it cannot count this filter: " + leaf);
        });
    }

    /** Whether some filter of the condition is on the clicked element: only the element rollups hold chains. */
    static boolean hasElementFilter(Condition condition) {
        return !everyLeaf(condition, leaf -> !(leaf instanceof Condition.Element));
    }

    /** Whether some filter of the condition is on an event property: with a condition the rollups hold, on the page URL. */
    static boolean hasUrlFilter(Condition condition) {
        return !everyLeaf(condition, leaf -> !(leaf instanceof Condition.Event));
    }

    /** Whether every filter of the condition, however deep in its AND / OR groups, is one that {@code holds}. */
    private static boolean everyLeaf(Condition condition, Predicate<Condition> holds) {
        if (condition instanceof Condition.All all) {
            return all.conditions().stream().allMatch(member -> everyLeaf(member, holds));
        }
        if (condition instanceof Condition.Any any) {
            return any.conditions().stream().allMatch(member -> everyLeaf(member, holds));
        }
        return holds.test(condition);
    }

    /** Over {@code events}. */
    Fragment render(Condition condition) {
        return render(condition, leaf -> {
            if (leaf instanceof Condition.Event event) {
                return FilterSql.condition(event.filter(), source(event.filter()));
            }
            return chains.condition(((Condition.Element) leaf).filter());
        });
    }

    /** Over {@code element_clicks_daily}, for a condition the rollups hold. */
    Fragment onDailyRollup(Condition condition, long environmentId) {
        return render(condition, leaf -> {
            if (leaf instanceof Condition.Event event) {
                return DAILY_URLS.bind("team", environmentId).bind("filter", FilterSql.condition(event.filter(), FilterSql.ROLLUP_URL)).fragment();
            }
            return chains.onDailyRollup(((Condition.Element) leaf).filter());
        });
    }

    /** Over {@code chain_clicks_daily}, for a condition on event names and elements alone. */
    Fragment onChainRollup(Condition condition) {
        return render(condition, leaf -> {
            if (leaf instanceof Condition.Element element) {
                return chains.onDailyRollup(element.filter());
            }
            throw new IllegalArgumentException("chain_clicks_daily holds no page, so it cannot count this filter: " + leaf);
        });
    }

    /** Over {@code chainless_clicks_daily}, whose rows have no chain: an element filter holds or not for all of them. */
    Fragment onChainlessRollup(Condition condition) {
        return render(condition, leaf -> {
            if (leaf instanceof Condition.Event event) {
                return FilterSql.condition(event.filter(), FilterSql.ROLLUP_URL);
            }
            return Fragment.code(((Condition.Element) leaf).filter().matches(List.of()) ? "1" : "0");
        });
    }

    /** Over {@code clicks_daily}, for a condition the rollups hold without element filters (its rows mix chains). */
    Fragment onClicksRollup(Condition condition) {
        return render(condition, leaf -> {
            if (leaf instanceof Condition.Event event) {
                return FilterSql.condition(event.filter(), FilterSql.ROLLUP_URL);
            }
            throw new IllegalArgumentException("clicks_daily holds no chains, so it cannot count an element filter: " + leaf);
        });
    }

    /** Groups and event names alike everywhere; {@code leaves} renders event-property and element filters. */
    private static Fragment render(Condition condition, Function<Condition, Fragment> leaves) {
        if (condition instanceof Condition.All all) {
            return all.conditions().isEmpty() ? Fragment.code("1") : join(all.conditions(), " AND ", leaves);
        }
        if (condition instanceof Condition.Any any) {
            return any.conditions().isEmpty() ? Fragment.code("0") : join(any.conditions(), " OR ", leaves);
        }
        if (condition instanceof Condition.EventName name) {
            return new Fragment("(event = " + SqlLiteral.render(name.event()) + ")");
        }
        return leaves.apply(condition);
    }

    private static Fragment join(List<Condition> conditions, String operator, Function<Condition, Fragment> leaves) {
        return new Fragment(conditions.stream().map(member -> render(member, leaves).sql()).collect(Collectors.joining(operator, "(", ")")));
    }

    private static FilterSql.Source source(PropertyFilter filter) {
        return filter.key().equals(PropertyFilter.CURRENT_URL) ? FilterSql.EVENT_URL : FilterSql.eventProperty(filter.key());
    }
}
