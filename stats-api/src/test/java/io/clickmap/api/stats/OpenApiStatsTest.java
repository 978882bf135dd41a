package io.clickmap.api.stats;


import io.clickmap.api.config.UnsetConfig;
import io.clickmap.api.query.DateParameter;
import io.clickmap.api.query.PropertiesParameter;
import io.clickmap.api.query.PropertyFilter;
import io.clickmap.api.query.PropertyOperator;
import io.clickmap.api.query.Sampling;
import io.clickmap.api.web.OffsetParameter;
import io.clickmap.api.web.OpenApiDocument;
import io.clickmap.chain.ChainTrim;
import io.clickmap.event.ClickEventType;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import static io.clickmap.api.web.OpenApiDocument.decimal;
import static io.clickmap.api.web.OpenApiDocument.integer;
import static org.assertj.core.api.Assertions.assertThat;

/** The bounds, defaults and names docs/openapi.yaml gives for {@code GET …/elements/stats/} are the parsers' own. */
class OpenApiStatsTest {
    private static final String STATS = "/api/environments/{id}/elements/stats/";
    private static final Pattern EVENT = Pattern.compile("\\$[a-z_]+");

    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiStatsTest() throws IOException {
    }

    @Test
    void limitBoundsAndDefaultAreTheParsers() {
        Map<String, Object> limit = openApi.schema(STATS, "limit");

        assertThat(integer(limit, "minimum")).isEqualTo(StatsParameters.MIN_LIMIT);
        assertThat(integer(limit, "maximum")).isEqualTo(StatsParameters.MAX_LIMIT);
        assertThat(integer(limit, "default")).isEqualTo(StatsParameters.DEFAULT_LIMIT);
    }

    @Test
    void offsetBoundsAndDefaultAreTheParsers() {
        Map<String, Object> offset = openApi.schema(STATS, "offset");

        assertThat(integer(offset, "minimum")).isEqualTo(OffsetParameter.MIN);
        assertThat(integer(offset, "maximum")).isEqualTo(OffsetParameter.MAX);
        assertThat(integer(offset, "default")).isEqualTo(OffsetParameter.DEFAULT);
    }

    @Test
    void samplingFactorBoundsAndDefaultAreTheParsers() {
        Map<String, Object> sampling = openApi.schema(STATS, "sampling_factor");

        assertThat(decimal(sampling, "minimum")).isEqualTo(Sampling.MIN_FACTOR);
        assertThat(sampling).doesNotContainKey("exclusiveMinimum");
        assertThat(decimal(sampling, "maximum")).isEqualTo(Sampling.MAX_FACTOR);
        assertThat(decimal(sampling, "default")).isEqualTo(StatsParameters.DEFAULT_SAMPLING_FACTOR);
    }

    @Test
    void chainDepthBoundsAreTheParsers() {
        Map<String, Object> depth = openApi.schema(STATS, "max_element_chain_depth");

        assertThat(integer(depth, "minimum")).isEqualTo(StatsParameters.MIN_DEPTH);
        assertThat(integer(depth, "maximum")).isEqualTo(StatsParameters.MAX_DEPTH);
        assertThat(depth).as("absent means the whole chain").doesNotContainKey("default");
    }

    @Test
    void dateFormsAndTheDefaultWindowAreTheParsers() {
        assertThat(openApi.schema(STATS, "date_from")).containsEntry("default", "-" + DateParameter.DEFAULT_DAYS + "d");
        assertThat((String) openApi.parameter(STATS, "date_from").get("description"))
                .contains("relative (" + DateParameter.RELATIVE_FORMS + ")");
    }

    @Test
    void paginateResponseIsAStringBecauseOnlyTheExactValueTrueWraps() {
        assertThat(openApi.schema(STATS, "paginate_response")).containsEntry("type", "string").doesNotContainKey("default");
        assertThat((String) openApi.parameter(STATS, "paginate_response").get("description")).startsWith("Exactly true wraps");
    }

    @Test
    void includeNamesTheClickEventsAndTheConfiguredDefault() {
        String description = (String) openApi.parameter(STATS, "include").get("description");
        Matcher events = EVENT.matcher(description.substring(0, description.indexOf("; default")));
        List<String> named = events.results().map(MatchResult::group).toList();

        assertThat(named).isEqualTo(ClickEventType.ALL);
        assertThat(description).contains("; default " + String.join(",", UnsetConfig.defaults(StatsConfig.class).defaultInclude()) + " ");
        assertThat(openApi.map(openApi.component("StatsRow"), "properties", "type").get("enum")).isEqualTo(ClickEventType.ALL);
    }

    @Test
    void propertyFiltersHaveTheParsersOperatorsTypeAndBounds() {
        Map<String, Object> filters = openApi.schema(STATS, "properties");
        Map<String, Object> filter = openApi.map(filters, "items", "properties");
        Map<String, Object> operator = openApi.map(filter, "operator");
        List<Object> valueShapes = openApi.list(openApi.map(filter, "value"), "oneOf");
        Map<String, Object> valueList = openApi.map(valueShapes.get(1));
        Map<String, Object> text = openApi.map(openApi.list(openApi.component("PropertyValue"), "oneOf").get(0));

        assertThat(integer(filters, "maxItems")).isEqualTo(PropertiesParameter.MAX_FILTERS);
        assertThat(integer(openApi.map(filter, "key"), "maxLength")).isEqualTo(PropertyFilter.MAX_KEY);
        assertThat(operator.get("enum")).isEqualTo(Arrays.stream(PropertyOperator.values()).map(o -> o.wireName).toList());
        assertThat(operator.get("default")).isEqualTo(PropertyOperator.EXACT.wireName);
        assertThat(openApi.map(filter, "type").get("enum")).isEqualTo(List.of(PropertiesParameter.FILTER_TYPE));
        assertThat(integer(valueList, "maxItems")).isEqualTo(PropertyFilter.MAX_VALUES);
        assertThat(text).containsEntry("type", "string");
        assertThat(integer(text, "maxLength")).isEqualTo(PropertyFilter.MAX_TEXT);
        assertThat((String) openApi.map(filter, "value").get("description"))
                .contains("A regex (RE2) has at most " + PropertyFilter.MAX_REGEX + " characters");
    }

    @Test
    void dataAttributesSayHowManyPatternsCount() {
        assertThat((String) openApi.parameter(STATS, "data_attributes").get("description"))
                .endsWith("; the first " + ChainTrim.MAX_DATA_ATTRIBUTES + " are used");
    }

    @Test
    void theCachingHeadersAreTheControllers() {
        assertThat((String) openApi.operation(STATS, "get").get("description"))
                .contains("Cache-Control " + StatsController.CACHE_CONTROL + ";")
                .contains("Vary " + StatsController.VARY + ".");
    }
}
