package io.clickmap.api.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml's sharing schemas and bounds are the code's. */
class OpenApiSharingTest {
    @Test
    void theSharingSchemasAreTheRecordsInTheirOrder() throws IOException {
        OpenApiDocument openApi = OpenApiDocument.read();

        assertThat(openApi.map(openApi.component("SharingConfiguration"), "properties").keySet())
                .containsExactlyElementsOf(OpenApiDocument.recordKeys(SharingJson.Config.class));
        assertThat(openApi.map(openApi.component("SharePassword"), "properties").keySet())
                .containsExactlyElementsOf(OpenApiDocument.recordKeys(SharingJson.Password.class));
        assertThat(openApi.map(openApi.component("CreatedSharePassword"), "properties").keySet())
                .containsExactlyElementsOf(OpenApiDocument.recordKeys(SharingJson.CreatedPassword.class));
        assertThat(List.copyOf(openApi.map(openApi.component("SharingSettings"), "properties").keySet())).isEqualTo(SharingSettings.KNOWN);
    }

    @Test
    void theActivitySchemaEndsWithTheSharingActivitiesAndTheirActions() throws IOException {
        OpenApiDocument openApi = OpenApiDocument.read();
        Map<String, Object> entry = openApi.component("ActivityEntry");

        List<Object> activities = openApi.list(openApi.map(entry, "properties", "activity"), "enum");
        assertThat(activities.subList(activities.size() - SharingLog.ACTIVITIES.size(), activities.size())).containsExactlyElementsOf(SharingLog.ACTIVITIES);
        assertThat(openApi.list(openApi.map(entry, "properties", "detail", "properties", "changes", "items", "properties", "action"), "enum"))
                .contains(SharingLog.CREATED, SharingLog.DELETED);
    }

    @Test
    void thePasswordBoundsAreTheCodes() throws IOException {
        OpenApiDocument openApi = OpenApiDocument.read();
        Map<String, Object> body = openApi.map(openApi.operation("/api/environments/{id}/insights/{insightId}/sharing/passwords/", "post"),
                "requestBody", "content", "application/json", "schema", "properties");

        assertThat(OpenApiDocument.integer(openApi.map(body, "raw_password"), "minLength")).isEqualTo(SharePasswords.MIN_LENGTH);
        assertThat(OpenApiDocument.integer(openApi.map(body, "note"), "maxLength")).isEqualTo(SharePasswords.MAX_NOTE);
        assertThat(openApi.map(body, "raw_password").get("description").toString()).contains(SharePasswords.MAX_BYTES + " bytes");
    }
}
