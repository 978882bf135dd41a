package io.clickmap.api.trends;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One item of a computed trend, in PostHog's shape and key order. Keys that belong to some queries only
 * (aggregated value, breakdown, compare) are left out of the others; {@code action} is null for a formula.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrendsItem(
        List<Number> data,
        List<String> labels,
        List<String> days,
        Number count,
        @JsonProperty("aggregated_value") Number aggregatedValue,
        String label,
        Map<String, Object> filter,
        @JsonInclude(JsonInclude.Include.ALWAYS) Action action,
        @JsonProperty("breakdown_value") String breakdownValue,
        Boolean compare,
        @JsonProperty("compare_label") String compareLabel,
        int order) {

    /** The series an item counts, as PostHog describes it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Action(
            String id,
            String type,
            int order,
            String name,
            @JsonProperty("custom_name") String customName,
            String math,
            @JsonProperty("math_property") String mathProperty,
            @JsonProperty("math_hogql") String mathHogql,
            @JsonProperty("math_group_type_index") Integer mathGroupTypeIndex,
            Map<String, Object> properties,
            List<String> days) {

        static Action of(TrendsSeries series, List<String> days) {
            return new Action(series.event(), "events", series.order(), series.name(), series.customName(), series.math().wireName,
                    null, null, null, Map.of(), days);
        }
    }

    /** A count as JSON writes it: whole numbers without a fraction. */
    static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }

    static List<Number> numbers(double[] values) {
        Number[] numbers = new Number[values.length];
        for (int i = 0; i < values.length; i++) {
            numbers[i] = number(values[i]);
        }
        return List.of(numbers);
    }
}
