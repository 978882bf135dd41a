package io.clickmap.api.elements;

import static io.clickmap.api.web.OpenApiDocument.integer;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.clickhouse.RowIds;
import io.clickmap.api.web.ListParameters;
import io.clickmap.api.web.OffsetParameter;
import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paging bounds, field lengths and id range docs/openapi.yaml gives for the elements CRUD are the code's own. */
class OpenApiElementsTest {
    private static final String LIST = "/api/environments/{id}/elements/";

    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiElementsTest() throws IOException {
    }

    @Test
    void aLimitAboveTheCapIsDescribedAsLoweredNotRefused() {
        Map<String, Object> limit = openApi.schema(LIST, "limit");

        assertThat(integer(limit, "minimum")).isEqualTo(ListParameters.MIN_LIMIT);
        assertThat(integer(limit, "default")).isEqualTo(ListParameters.DEFAULT_LIMIT);
        assertThat(limit).as("a maximum would claim that larger limits are refused").doesNotContainKey("maximum");
        assertThat((String) openApi.parameter(LIST, "limit").get("description"))
                .startsWith("Above " + ListParameters.MAX_LIMIT + " it is lowered to " + ListParameters.MAX_LIMIT + ",");
    }

    @Test
    void offsetBoundsAndDefaultAreTheParsers() {
        Map<String, Object> offset = openApi.schema(LIST, "offset");

        assertThat(integer(offset, "minimum")).isEqualTo(OffsetParameter.MIN);
        assertThat(integer(offset, "maximum")).isEqualTo(OffsetParameter.MAX);
        assertThat(integer(offset, "default")).isEqualTo(OffsetParameter.DEFAULT);
    }

    @Test
    void fieldLengthsAreTheBodyRules() {
        Map<String, Object> fields = openApi.map(openApi.component("ElementFields"), "properties");

        assertThat(integer(openApi.map(fields, "text"), "maxLength")).isEqualTo(ElementBody.MAX_TEXT);
        assertThat(integer(openApi.map(fields, "tag_name"), "maxLength")).isEqualTo(ElementBody.MAX_TAG_NAME);
        assertThat(integer(openApi.map(fields, "href"), "maxLength")).isEqualTo(ElementBody.MAX_HREF);
        assertThat(integer(openApi.map(fields, "attr_id"), "maxLength")).isEqualTo(ElementBody.MAX_ATTR_ID);
        assertThat(integer(openApi.map(fields, "attr_class", "items"), "maxLength")).isEqualTo(ElementBody.MAX_CLASS);
    }

    @Test
    void idsStayBelowTheLargestIdHandedOut() {
        Map<String, Object> stored = openApi.map(openApi.list(openApi.component("StoredElement"), "allOf").get(0), "properties", "id");

        assertThat(integer(stored, "maximum")).isEqualTo(RowIds.MAX_ID);
    }
}
