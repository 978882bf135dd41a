package io.clickmap.api.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.api.errors.ApiException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A share's {@code settings}: null, or an object of PostHog's six display switches, each a boolean. Anything else
 * is a 400 naming {@code settings}; PostHog drops names it does not know, Clickmap refuses them, since a
 * misspelt switch that is silently ignored (say, {@code hideExtraDetail}) would show what its sender meant to hide.
 */
final class SharingSettings {
    static final List<String> KNOWN = List.of("whitelabel", "noHeader", "showInspector", "legend", "detailed", "hideExtraDetails");
    static final String RULE = "Invalid settings format: settings must be null or an object of the booleans " + String.join(", ", KNOWN) + ".";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharingSettings() {
    }

    /** The settings as they are stored and answered (known switches in the order sent), or null. */
    static String parse(JsonNode settings) {
        if (settings.isNull()) {
            return null;
        }
        if (!settings.isObject()) {
            throw ApiException.invalid("settings", RULE);
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = settings.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!KNOWN.contains(field.getKey()) || !field.getValue().isBoolean()) {
                throw ApiException.invalid("settings", RULE);
            }
            kept.set(field.getKey(), field.getValue());
        }
        return kept.toString();
    }

    /** Whether stored settings switch {@code name} on. */
    static boolean isOn(String settingsJson, String name) {
        if (settingsJson == null) {
            return false;
        }
        try {
            return JSON.readTree(settingsJson).path(name).asBoolean(false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sharing settings are not JSON: " + settingsJson, e);
        }
    }
}
