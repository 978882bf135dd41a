package io.clickmap.api.assist;

import io.clickmap.api.trends.TrendsOutline;
import io.clickmap.api.trends.TrendsOutline.DateBound;
import io.clickmap.api.trends.TrendsOutline.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a trends query in words: filters ("$current_url is /checkout"), the pages a name mentions ("on
 * /checkout"), the date range ("the last 7 days", "from 2020-01-09 to 2020-01-19") and the comparison.
 */
final class QueryWording {
    /** More values than this are counted, not listed, in a name. */
    static final int NAMED_VALUES = 3;
    private static final List<String> PAGE_KEYS = List.of("$current_url", "$pathname");
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("exact", "is"), Map.entry("is_not", "is not"),
            Map.entry("icontains", "contains"), Map.entry("not_icontains", "does not contain"), Map.entry("regex", "matches"),
            Map.entry("not_regex", "does not match"), Map.entry("is_set", "is set"), Map.entry("is_not_set", "is not set"),
            Map.entry("simple", "is"), Map.entry("gt", "is greater than"), Map.entry("gte", "is at least"), Map.entry("lt", "is less than"),
            Map.entry("lte", "is at most"));
    private static final Map<String, String> ELEMENT_KEYS = Map.of("tag_name", "element tag", "text", "element text", "href", "element link",
            "selector", "element selector");

    private QueryWording() {
    }

    /** "$current_url is /checkout", "element text contains \"buy\"", "$browser is one of Chrome or Safari". */
    static String filter(Filter filter) {
        String key = filter.element() ? ELEMENT_KEYS.getOrDefault(filter.key(), "element " + filter.key()) : filter.key();
        String operator = OPERATORS.getOrDefault(filter.operator(), filter.operator());
        List<String> values = filter.values().stream().map(value -> filter.element() && filter.key().equals("text") ? quoted(value) : value).toList();
        if (values.isEmpty()) {
            return key + " " + operator;
        }
        if (values.size() > 1) {
            operator = filter.operator().equals("is_not") ? "is none of" : operator + " one of";
        }
        return key + " " + operator + " " + String.join(" or ", values);
    }

    static String filters(List<Filter> filters) {
        return Wording.list(filters.stream().map(QueryWording::filter).toList());
    }

    /** The pages a name mentions: " on /checkout", " on pages containing \"pay\""; "" when no filter names pages. */
    static String pages(List<Filter> filters) {
        for (Filter filter : filters) {
            if (filter.element() || !PAGE_KEYS.contains(filter.key())) {
                continue;
            }
            switch (filter.operator()) {
                case "exact":
                    return " on " + valuesOrCount(filter.values(), "pages");
                case "is_not":
                    return " not on " + valuesOrCount(filter.values(), "pages");
                case "icontains":
                    return " on pages containing " + quoted(filter.values().get(0));
                case "regex":
                    return " on pages matching " + filter.values().get(0);
                default:
                    break;
            }
        }
        return "";
    }

    /** The elements a name mentions: " on button.buy", " on \"Buy\""; "" when no element filter names them. */
    static String elements(List<Filter> filters) {
        for (Filter filter : filters) {
            if (!filter.element() || !filter.operator().equals("exact")) {
                continue;
            }
            List<String> values = filter.key().equals("text") ? filter.values().stream().map(QueryWording::quoted).toList() : filter.values();
            return switch (filter.key()) {
                case "href" -> " on links to " + valuesOrCount(values, "targets");
                default -> " on " + valuesOrCount(values, "elements");
            };
        }
        return "";
    }

    /** The window in words, with its preposition: "over the last 7 days", "today", "since the start of last month", "from 2020-01-09 to 2020-01-19". */
    static String range(DateBound from, DateBound to) {
        if (to.text() != null) {
            return "from " + moment(from) + " to " + moment(to);
        }
        if ("all".equals(from.text())) {
            return "over all time";
        }
        if (from.unit() == null) {
            return "since " + from.text();
        }
        if (from.position() == null) {
            return from.amount() == 1 ? "over the last " + from.unit() : "over the last " + Wording.count(from.amount(), from.unit());
        }
        if (from.position().equals("start") && from.amount() == 0) {
            return from.unit().equals("day") ? "today" : "this " + from.unit();
        }
        return "since " + moment(from);
    }

    /** Whether the window is at most a week long, so comparing with the week before compares like with like. */
    static boolean isWeekOrLess(DateBound from, DateBound to) {
        if (to.text() != null || from.unit() == null) {
            return false;
        }
        return switch (from.unit()) {
            case "hour" -> from.amount() <= 7 * 24;
            case "day" -> from.amount() <= 7;
            case "week" -> from.amount() <= 1 && !"end".equals(from.position());
            default -> false;
        };
    }

    /** "compared with the previous period", "compared with 1 week earlier". */
    static String comparison(String compareTo) {
        DateBound shift = DateBound.of(compareTo);
        if (compareTo == null || shift.unit() == null || shift.position() != null) {
            return "compared with the previous period";
        }
        return "compared with " + Wording.count(shift.amount(), shift.unit()) + " earlier";
    }

    private static String moment(DateBound bound) {
        if (bound.unit() == null) {
            return "all".equals(bound.text()) ? "the first event" : bound.text();
        }
        if (bound.position() == null) {
            return bound.amount() == 0 ? "now" : Wording.count(bound.amount(), bound.unit()) + " ago";
        }
        String which = bound.amount() == 0 ? "this " + bound.unit() : bound.amount() == 1 ? "last " + bound.unit()
                : "the " + bound.unit() + " " + Wording.count(bound.amount(), bound.unit()) + " ago";
        return "the " + bound.position() + " of " + which;
    }

    private static String valuesOrCount(List<String> values, String noun) {
        if (values.size() > NAMED_VALUES) {
            return values.size() + " " + noun;
        }
        return String.join(" or ", values);
    }

    static String quoted(String value) {
        return "\"" + value + "\"";
    }

    /** The filters of the query and, when it has one series, that series' own. */
    static List<Filter> commonFilters(TrendsOutline outline) {
        List<Filter> all = new ArrayList<>(outline.filters());
        if (outline.series().size() == 1) {
            all.addAll(outline.series().get(0).filters());
        }
        return all;
    }
}
