package io.clickmap.api.sharing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.clickmap.api.sharing.SharingState.SharePassword;
import java.util.List;
import java.util.function.LongFunction;

/** PostHog's sharing configuration and share password objects, fields in PostHog's order. */
final class SharingJson {
    private SharingJson() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Config(
            @JsonProperty("created_at") String createdAt,
            boolean enabled,
            @JsonProperty("access_token") String accessToken,
            @JsonRawValue String settings,
            @JsonProperty("password_required") boolean passwordRequired,
            @JsonProperty("share_passwords") List<Password> sharePasswords) {
    }

    /** A password as listed: never the password or its hash. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Password(long id, @JsonProperty("created_at") String createdAt, String note, @JsonProperty("created_by_email") String createdByEmail,
                    @JsonProperty("is_active") boolean isActive) {
    }

    /** The answer to a create: the one place the password is shown. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreatedPassword(long id, String password, String note, @JsonProperty("created_at") String createdAt,
                           @JsonProperty("created_by_email") String createdByEmail) {
    }

    /** The configuration as answered; {@code emails} names a password's creator ("deleted user" when gone, as PostHog says). */
    static Config config(SharingState state, LongFunction<String> emails) {
        List<Password> passwords = state.passwords().stream()
                .map(password -> new Password(password.id(), password.createdAt().toString(), password.note(), emails.apply(password.createdBy()), true))
                .toList();
        return new Config(state.createdAt() == null ? null : state.createdAt().toString(), state.enabled(), state.accessToken(), state.settingsJson(),
                state.passwordRequired(), passwords);
    }

    static CreatedPassword created(SharePassword password, String raw, String email) {
        return new CreatedPassword(password.id(), raw, password.note(), password.createdAt().toString(), email);
    }
}
