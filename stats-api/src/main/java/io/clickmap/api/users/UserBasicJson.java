package io.clickmap.api.users;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * PostHog's {@code UserBasic}, the user object of {@code created_by} and {@code last_modified_by}, with its
 * fields in PostHog's order. A Clickmap user sends no events, so the uuid serves as the stable, unique
 * {@code distinct_id}; Clickmap verifies no e-mail and keeps no hedgehog or organisation role.
 */
public final class UserBasicJson {
    private UserBasicJson() {
    }

    public static void write(JsonGenerator json, User user) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", user.id());
        json.writeStringField("uuid", user.uuid());
        json.writeStringField("distinct_id", user.uuid());
        json.writeStringField("first_name", user.firstName());
        json.writeStringField("last_name", user.lastName());
        json.writeStringField("email", user.email());
        json.writeBooleanField("is_email_verified", false);
        json.writeNullField("hedgehog_config");
        json.writeNullField("role_at_organization");
        json.writeEndObject();
    }
}
