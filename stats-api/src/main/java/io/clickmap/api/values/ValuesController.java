package io.clickmap.api.values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.JsonResponses;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET …/elements/values/?key=&value=}: attribute suggestions, {@code [{"name": …}, …]}, most frequent
 * first. Checks in order: path (404), key or toolbar token (401/403), parameters (400).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ValuesController {
    private static final JsonFactory JSON = new JsonFactory();
    static final int MAX_VALUE_LENGTH = 10_000;

    private final ValuesQuery values;

    public ValuesController(ValuesQuery values) {
        this.values = values;
    }

    // Micronaut matches with or without the trailing slash.
    @Get(uris = {"/api/environments/{id}/elements/values", "/api/projects/{id}/elements/values"})
    public HttpResponse<byte[]> values(HttpRequest<?> request,
            @Authorized(value = Scopes.ELEMENT_READ, acceptsToolbarToken = true) Access access) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ValuesKey key = ValuesKey.parse(query.last("key"));
        String value = query.last("value");
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            throw ApiException.invalid("value", "value must have at most " + MAX_VALUE_LENGTH + " characters.");
        }
        ServerTiming timing = new ServerTiming();
        List<String> names = values.values(environmentId, key, value, timing);
        return JsonResponses.ok(json(names), timing);
    }

    private static byte[] json(List<String> names) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + names.size() * 32);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartArray();
            for (String name : names) {
                json.writeStartObject();
                json.writeStringField("name", name);
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
