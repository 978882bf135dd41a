package io.clickmap.api.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.BodyField;
import io.clickmap.api.web.JsonBody;

/**
 * A {@code PATCH …/sharing/} body: any of {@code enabled}, {@code settings}, {@code password_required}; a field not
 * sent keeps its value, and other fields (the read-only ones a client echoes back) are ignored, as DRF does.
 */
record SharingChange(BodyField<Boolean> enabled, BodyField<String> settingsJson, BodyField<Boolean> passwordRequired) {

    static SharingChange parse(byte[] body) {
        JsonNode json = JsonBody.read(body);
        if (!json.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object.");
        }
        return new SharingChange(flag(json, "enabled"), json.has("settings") ? BodyField.of(SharingSettings.parse(json.get("settings"))) : BodyField.notSent(),
                flag(json, "password_required"));
    }

    private static BodyField<Boolean> flag(JsonNode json, String name) {
        if (!json.has(name)) {
            return BodyField.notSent();
        }
        JsonNode value = json.get(name);
        if (!value.isBoolean()) {
            throw ApiException.invalid(name, "Must be a valid boolean.");
        }
        return BodyField.of(value.booleanValue());
    }
}
