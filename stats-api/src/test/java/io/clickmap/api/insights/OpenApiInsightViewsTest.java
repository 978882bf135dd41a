package io.clickmap.api.insights;

import static io.clickmap.api.web.OpenApiDocument.integer;
import static io.clickmap.api.web.OpenApiDocument.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.clickmap.api.web.OpenApiDocument;
import io.clickmap.testing.MarkdownTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml's view endpoints: their bounds and defaults are the code's, the trending row the record's keys;
 * and so are those docs/insights-api.md gives.
 */
class OpenApiInsightViewsTest {
    private static final String INSIGHTS = "/api/environments/{id}/insights";
    private static final String TRENDING = INSIGHTS + InsightViewsController.TRENDING + "/";

    private static final Path PROSE = Path.of("..", "docs", "insights-api.md");

    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiInsightViewsTest() throws IOException {
    }

    @Test
    void theViewedBodyHasTheCodesBound() {
        Map<String, Object> ids = openApi.map(openApi.operation(INSIGHTS + InsightViewsController.VIEWED + "/", "post"), "requestBody", "content",
                "application/json", "schema", "properties", ViewedBody.FIELD);

        assertThat(integer(ids, "minItems")).isEqualTo(1);
        assertThat(integer(ids, "maxItems")).isEqualTo(ViewedBody.MAX_IDS);
    }

    @Test
    void myLastViewedListsAtMostTheCodesCount() {
        Map<String, Object> schema = openApi.map(openApi.operation(INSIGHTS + InsightViewsController.LAST_VIEWED + "/", "get"), "responses", "200",
                "content", "application/json", "schema");

        assertThat(integer(schema, "maxItems")).isEqualTo(InsightViewsController.LAST_VIEWED_COUNT);
        assertThat(openApi.text()).contains("The " + InsightViewsController.LAST_VIEWED_COUNT + " live insights the key''s user viewed last");
    }

    @Test
    void trendingsParametersAreTheCodesAndItsRowTheRecord() {
        assertThat(integer(openApi.schema(TRENDING, "days"), "default")).isEqualTo(TrendingParameters.DEFAULT_DAYS);
        assertThat(integer(openApi.schema(TRENDING, "days"), "maximum")).isEqualTo(TrendingParameters.MAX_DAYS);
        assertThat(integer(openApi.schema(TRENDING, "limit"), "default")).isEqualTo(TrendingParameters.DEFAULT_LIMIT);
        assertThat(openApi.parameter(TRENDING, "limit").get("description").toString())
                .contains("Above " + TrendingParameters.MAX_LIMIT + " it is lowered to " + TrendingParameters.MAX_LIMIT);
        Map<String, Object> page = openApi.map(openApi.operation(TRENDING, "get"), "responses", "200", "content", "application/json", "schema",
                "properties");
        assertThat(page.keySet()).containsExactlyElementsOf(recordKeys(InsightJson.Page.class));
        assertThat(integer(openApi.map(page, "results"), "maxItems")).isEqualTo(TrendingParameters.MAX_LIMIT);

        List<Object> parts = openApi.list(openApi.component("TrendingInsight"), "allOf");
        assertThat(openApi.map(parts.get(0))).isEqualTo(openApi.component("InsightBasic"));
        Map<String, Object> added = openApi.map(parts.get(1), "properties");
        assertThat(added.keySet()).containsExactlyElementsOf(recordKeys(TrendingJson.class).subList(1, recordKeys(TrendingJson.class).size()));
        assertThat(integer(openApi.map(added, "viewers"), "maxItems")).isEqualTo(ViewHistory.RECENT_VIEWERS);
    }

    @Test
    void theProseGivesTheCodesDefaultsAndBounds() throws IOException {
        MarkdownTable trending = MarkdownTable.after(PROSE, "## Views", "### `GET …/insights/trending/`");

        assertThat(trending.rows()).extracting(row -> MarkdownTable.code(row.get("parameter")), row -> row.get("default")).containsExactly(
                tuple("days", String.valueOf(TrendingParameters.DEFAULT_DAYS)),
                tuple("limit", String.valueOf(TrendingParameters.DEFAULT_LIMIT)));
        assertThat(trending.rows().get(0).get("accepted values")).contains("from 1 to " + TrendingParameters.MAX_DAYS);
        assertThat(trending.rows().get(1).get("accepted values")).contains("above " + TrendingParameters.MAX_LIMIT + " it is lowered to "
                + TrendingParameters.MAX_LIMIT);
        String prose = Files.readString(PROSE);
        assertThat(prose).contains("`" + TrendingParameters.NOT_INTEGERS + "`")
                .contains("1 to " + String.format("%,d", ViewedBody.MAX_IDS) + " JSON integers")
                .contains("The " + InsightViewsController.LAST_VIEWED_COUNT + " live insights the key's user viewed last")
                .contains("the (at most " + ViewHistory.RECENT_VIEWERS + ") users");
    }
}
