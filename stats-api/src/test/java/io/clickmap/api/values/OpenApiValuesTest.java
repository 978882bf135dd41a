package io.clickmap.api.values;

import static io.clickmap.api.web.OpenApiDocument.integer;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.web.OpenApiDocument;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The keys, the value bound and the number of suggestions docs/openapi.yaml gives for {@code …/elements/values/}. */
class OpenApiValuesTest {
    private static final String VALUES = "/api/environments/{id}/elements/values/";

    private final OpenApiDocument openApi = OpenApiDocument.read();

    OpenApiValuesTest() throws IOException {
    }

    @Test
    void theKeysAreTheParsers() {
        assertThat(openApi.parameter(VALUES, "key")).containsEntry("required", true);
        assertThat(openApi.schema(VALUES, "key").get("enum")).isEqualTo(Arrays.stream(ValuesKey.values()).map(key -> key.wireName).toList());
    }

    @Test
    void theValueBoundAndTheNumberOfSuggestionsAreTheCodes() {
        assertThat(integer(openApi.schema(VALUES, "value"), "maxLength")).isEqualTo(ValuesController.MAX_VALUE_LENGTH);
        assertThat((String) openApi.operation(VALUES, "get").get("summary")).endsWith("(at most " + ValuesQuery.TOP + ")");
    }
}
