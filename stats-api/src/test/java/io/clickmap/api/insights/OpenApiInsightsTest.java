package io.clickmap.api.insights;

import static io.clickmap.api.web.OpenApiDocument.integer;
import static io.clickmap.api.web.OpenApiDocument.recordKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.users.UserBasic;
import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml's insight schemas are the records the service writes, key for key in order, and its bounds the code's. */
class OpenApiInsightsTest {
    private static final String LIST = "/api/environments/{id}/insights/";
    private static final String ACTIVITY = "/api/environments/{id}/insights/activity/";
    private static final String BULK = "/api/environments/{id}/insights/bulk_update_tags/";

    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiInsightsTest() throws IOException {
    }

    private List<String> properties(String schema) {
        return new ArrayList<>(openApi.map(openApi.component(schema), "properties").keySet());
    }

    @Test
    void theInsightSchemasAreTheRecordsInTheirOrder() {
        List<String> full = new ArrayList<>(recordKeys(InsightJson.Full.class));
        full.add("search_match_type");
        assertThat(properties("Insight")).containsExactlyElementsOf(full);
        assertThat(recordKeys(InsightJson.Full.class)).containsExactlyElementsOf(InsightsCrudTest.FIELDS);
        List<String> basic = new ArrayList<>(recordKeys(InsightJson.Basic.class));
        basic.add("search_match_type");
        assertThat(properties("InsightBasic")).containsExactlyElementsOf(basic);
        assertThat(properties("UserBasic")).containsExactlyElementsOf(recordKeys(UserBasic.class));
    }

    @Test
    void theBoundsAreTheCodes() {
        Map<String, Object> fields = openApi.map(openApi.component("InsightFields"), "properties");
        for (String text : List.of("name", "derived_name", "description")) {
            assertThat(integer(openApi.map(fields, text), "maxLength")).as(text).isEqualTo(InsightBody.MAX_TEXT);
        }
        assertThat(integer(openApi.map(fields, "_create_in_folder"), "maxLength")).isEqualTo(InsightBody.MAX_FOLDER);
        assertThat(integer(openApi.map(fields, "tags", "items"), "maxLength")).isEqualTo(Tags.MAX_LENGTH);
        assertThat(integer(openApi.schema(LIST, "search"), "maxLength")).isEqualTo(InsightListQuery.MAX_SEARCH);
        assertThat(integer(openApi.schema(LIST, "client_query_id"), "maxLength")).isEqualTo(Refresh.MAX_CLIENT_QUERY_ID);
        assertThat(integer(openApi.schema("/api/environments/{id}/insights/{insightId}/", "client_query_id"), "maxLength"))
                .isEqualTo(Refresh.MAX_CLIENT_QUERY_ID);
        assertThat(openApi.list(openApi.map(openApi.component("Insight"), "properties", "effective_privilege_level"), "enum"))
                .containsExactly(InsightJson.PRIVILEGE_LEVEL);
        assertThat(openApi.list(openApi.map(openApi.component("Insight"), "properties", "effective_restriction_level"), "enum"))
                .containsExactly(InsightJson.RESTRICTION_LEVEL);
        assertThat(openApi.map(openApi.component("Insight"), "properties", "alerts", "items")).as("the alerts API's objects")
                .isEqualTo(openApi.component("Alert"));
    }

    @Test
    void theActivitySchemaIsTheRecordsAndItsPagingTheCodes() {
        Map<String, Object> entry = openApi.component("ActivityEntry");
        assertThat(properties("ActivityEntry")).containsExactlyElementsOf(recordKeys(ActivityJson.Entry.class));
        assertThat(openApi.map(entry, "properties", "detail", "properties").keySet()).containsExactlyElementsOf(recordKeys(ActivityJson.Detail.class));
        assertThat(openApi.map(entry, "properties", "detail", "properties", "changes", "items", "properties").keySet())
                .containsExactlyElementsOf(recordKeys(ActivityJson.Change.class));
        assertThat(openApi.map(entry, "properties", "user", "properties").keySet()).containsExactlyElementsOf(recordKeys(ActivityJson.Writer.class));
        List<String> versionActivities = Arrays.stream(StoredInsight.Activity.values()).map(activity -> activity.wireName).toList();
        assertThat(openApi.list(openApi.map(entry, "properties", "activity"), "enum").subList(0, versionActivities.size()))
                .as("the versions' activities, then the other sources' (held by their own tests)").containsExactlyElementsOf(versionActivities);
        assertThat(openApi.list(openApi.map(entry, "properties", "scope"), "enum")).containsExactly(ActivityJson.SCOPE);
        assertThat(openApi.map(openApi.operation(ACTIVITY, "get"), "responses", "200", "content", "application/json", "schema", "properties").keySet())
                .containsExactlyElementsOf(recordKeys(ActivityJson.Page.class));
        assertThat(integer(openApi.schema(ACTIVITY, "limit"), "default")).isEqualTo(ActivityPaging.DEFAULT_LIMIT);
        assertThat(openApi.parameter(ACTIVITY, "limit").get("description").toString()).contains("Above " + ActivityPaging.MAX_LIMIT + " it is lowered to " + ActivityPaging.MAX_LIMIT);
        assertThat(integer(openApi.schema(ACTIVITY, "page"), "maximum")).isEqualTo(ActivityPaging.MAX_PAGE);
    }

    @Test
    void theBulkTagBoundsAreTheCodesAndItsAnswerTheRecords() {
        Map<String, Object> body = openApi.map(openApi.operation(BULK, "post"), "requestBody", "content", "application/json", "schema", "properties");
        assertThat(integer(openApi.map(body, "ids"), "maxItems")).isEqualTo(BulkTagsBody.MAX_IDS);
        assertThat(integer(openApi.map(body, "tags"), "maxItems")).isEqualTo(BulkTagsBody.MAX_TAGS);
        assertThat(integer(openApi.map(body, "tags", "items"), "maxLength")).isEqualTo(Tags.MAX_LENGTH);
        assertThat(openApi.map(body, "tags").get("description").toString()).contains("At most " + BulkTagsBody.MAX_CHANGES + " ids × tags");
        assertThat(openApi.list(openApi.map(body, "action"), "enum"))
                .containsExactlyElementsOf(Arrays.stream(TagAction.values()).map(action -> action.wireName).toList());
        Map<String, Object> answer = openApi.map(openApi.operation(BULK, "post"), "responses", "200", "content", "application/json", "schema", "properties");
        assertThat(answer.keySet()).containsExactlyElementsOf(recordKeys(BulkTagsController.Result.class));
        assertThat(openApi.map(answer, "updated", "items", "properties").keySet()).containsExactlyElementsOf(recordKeys(BulkTagsController.Updated.class));
        assertThat(openApi.map(answer, "skipped", "items", "properties").keySet()).containsExactlyElementsOf(recordKeys(BulkTagsController.Skipped.class));
        assertThat(openApi.list(openApi.map(answer, "skipped", "items", "properties", "reason"), "enum")).containsExactly(BulkTagsController.SKIPPED);
    }
}
