package io.clickmap.api.assist;

import io.clickmap.api.trends.TrendsOutline;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words the rule-based insight texts share: what the click events are called, what a series counts, the names
 * of common properties, numbers and lists. English, one fixed form each, so the same input always reads the same.
 */
final class Wording {
    private static final Map<String, String> EVENTS = Map.of("$autocapture", "clicks", "$rageclick", "rage clicks", "$dead_click", "dead clicks");
    private static final Map<String, String> PROPERTIES = Map.of("$current_url", "URL", "$pathname", "path", "$host", "host",
            "$browser", "browser", "$os", "OS", "$device_type", "device type", "$referrer", "referrer", "$screen_width", "screen width");

    private Wording() {
    }

    /** "rage clicks", "clicks or dead clicks"; all three click events are "click events". */
    static String events(List<String> events) {
        if (TrendsOutline.isAllClicks(events)) {
            return "click events";
        }
        return String.join(" or ", events.stream().map(event -> EVENTS.getOrDefault(event, event)).toList());
    }

    /** What a series counts, by its math: "rage clicks", "unique users with rage clicks"; its custom name when it has one. */
    static String measure(TrendsOutline.Series series) {
        if (series.customName() != null && !series.customName().isBlank()) {
            return series.customName().strip();
        }
        String events = events(series.events());
        return switch (series.math()) {
            case "dau" -> "unique users with " + events;
            case "weekly_active" -> "weekly active users with " + events;
            case "monthly_active" -> "monthly active users with " + events;
            case "unique_session" -> "sessions with " + events;
            default -> events;
        };
    }

    /** The measure and the events it is made of, for a description: "rage clicks ($rageclick)". */
    static String measureWithEvents(TrendsOutline.Series series) {
        String events = TrendsOutline.isAllClicks(series.events()) ? "$autocapture, $rageclick and $dead_click" : String.join(", ", series.events());
        return measure(series) + " (" + events + ")";
    }

    /** "$browser" → "browser"; a property without a common name keeps its own. */
    static String property(String key) {
        return PROPERTIES.getOrDefault(key, key);
    }

    /** A breakdown value as people read it: the other values and the missing one have names. */
    static String breakdownValue(String value) {
        if (value == null) {
            return "";
        }
        return value.replace(TrendsOutline.OTHER_VALUE, "other values").replace(TrendsOutline.NO_VALUE, "no value");
    }

    /** Whole numbers with thousands separators, others to two decimals at most: 1,234 and 12.5. */
    static String number(double value) {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US)).format(value);
    }

    /** "a", "a and b", "a, b and c". */
    static String list(List<String> parts) {
        if (parts.size() <= 1) {
            return parts.isEmpty() ? "" : parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The list's first {@code shown} parts, then how many more there are. */
    static String listFirst(List<String> parts, int shown) {
        if (parts.size() <= shown) {
            return list(parts);
        }
        List<String> first = new ArrayList<>(parts.subList(0, shown));
        first.add((parts.size() - shown) + " more");
        return list(first);
    }

    static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /** A plural unit: "1 day", "7 days". */
    static String count(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }

    /** At most {@code maxLength} characters, cut at a character with an ellipsis when longer. */
    static String bounded(String text, int maxLength) {
        if (text.codePointCount(0, text.length()) <= maxLength) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxLength - 1)) + "…";
    }
}
