package io.clickmap.api.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.JsonBody;
import io.clickmap.api.web.QueryString;
import io.micronaut.http.MediaType;
import java.nio.charset.StandardCharsets;

/** The password of an unlock request: the page's form ({@code password=…}) or a JSON body {@code {"password": …}}; null when absent. */
final class UnlockForm {
    private UnlockForm() {
    }

    static String password(MediaType type, byte[] body) {
        if (type.matches(MediaType.APPLICATION_JSON_TYPE)) {
            JsonNode value = JsonBody.read(body).get("password");
            return value != null && value.isTextual() ? value.textValue() : null;
        }
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        try {
            // A form writes a space as '+', which a query string does not; a '+' typed is sent as %2B.
            return QueryString.parse(text.replace("+", "%20")).last("password");
        } catch (ApiException e) {
            return null;
        }
    }
}
