package io.clickmap.api.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * PostHog's {@code UserBasic}, the user object of {@code created_by} and {@code last_modified_by}, as a record
 * serialised in PostHog's field order. A Clickmap user sends no events, so the uuid serves as the stable, unique
 * {@code distinct_id}; Clickmap verifies no e-mail and keeps no hedgehog or organisation role.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserBasic(
        long id,
        String uuid,
        @JsonProperty("distinct_id") String distinctId,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        String email,
        @JsonProperty("is_email_verified") boolean isEmailVerified,
        @JsonProperty("hedgehog_config") Map<String, Object> hedgehogConfig,
        @JsonProperty("role_at_organization") String roleAtOrganization) {

    public static UserBasic of(User user) {
        return new UserBasic(user.id(), user.uuid(), user.uuid(), user.firstName(), user.lastName(), user.email(), false, null, null);
    }
}
