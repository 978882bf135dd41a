package io.clickmap.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.alerts.AlertChange.ThresholdChange;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.BodyField;
import io.clickmap.api.web.JsonBody;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses and checks an alert's body field by field, as DRF's serializer does, with its messages: a create (and a
 * PUT) needs {@code insight}, {@code threshold} and {@code subscribed_users}; a PATCH needs nothing. Each violation
 * is a 400 naming the field; read-only fields ({@code id}, {@code state}, {@code last_checked_at}, …) and unknown ones
 * are ignored. Snoozing, skipping weekends and anomaly detectors are PostHog features Clickmap does not have: their
 * fields may be sent empty (null, false) and are refused otherwise, rather than ignored.
 */
final class AlertBody {
    static final String REQUIRED = "This field is required.";
    private static final String NOT_NULL = "This field may not be null.";

    private AlertBody() {
    }

    static AlertChange parse(byte[] body, boolean full) {
        JsonNode root = JsonBody.read(body);
        if (!root.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object (the alert's fields).");
        }
        for (String field : full ? List.of("insight", "threshold", "subscribed_users") : List.<String>of()) {
            if (!root.has(field)) {
                throw ApiException.invalid(field, REQUIRED);
            }
        }
        refuseSet(root, "snoozed_until", "Clickmap does not snooze alerts: snoozed_until can only be null.", false);
        refuseSet(root, "skip_weekend", "Clickmap checks alerts every day: skip_weekend can only be false.", true);
        refuseSet(root, "detector_config", "Clickmap alerts compare with thresholds: detector_config can only be null.", false);
        return new AlertChange(insight(root), name(root, "name", "name"), enabled(root), condition(root), config(root), interval(root), threshold(root),
                users(root));
    }

    private static BodyField<Long> insight(JsonNode body) {
        JsonNode value = body.get("insight");
        if (value == null) {
            return BodyField.notSent();
        }
        return BodyField.of(primaryKey(value, "insight"));
    }

    /** An id as DRF's PrimaryKeyRelatedField takes one: a JSON integer or its digits as a string. */
    static long primaryKey(JsonNode value, String attr) {
        if (value.isNull()) {
            throw ApiException.invalid(attr, NOT_NULL);
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.textValue().matches("[0-9]{1,18}")) {
            return Long.parseLong(value.textValue());
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            throw doesNotExist(attr, value.isTextual() ? value.textValue() : value.asText());
        }
        throw ApiException.invalid(attr, "Incorrect type. Expected pk value, received " + typeName(value) + ".");
    }

    static ApiException doesNotExist(String attr, Object pk) {
        return ApiException.invalid(attr, "Invalid pk \"" + pk + "\" - object does not exist.");
    }

    /** A name (the alert's, its threshold's): a string of at most {@link AlertFields#MAX_NAME} characters; {@code attr} is the field. */
    private static BodyField<String> name(JsonNode body, String field, String attr) {
        JsonNode value = body.get(field);
        if (value == null) {
            return BodyField.notSent();
        }
        if (value.isNull()) {
            throw ApiException.invalid(attr, NOT_NULL);
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(attr, "Not a valid string.");
        }
        return BodyField.of(JsonBody.bounded(value.textValue(), attr, AlertFields.MAX_NAME,
                "Ensure this field has no more than " + AlertFields.MAX_NAME + " characters."));
    }

    private static BodyField<Boolean> enabled(JsonNode body) {
        JsonNode value = body.get("enabled");
        if (value == null) {
            return BodyField.notSent();
        }
        if (value.isBoolean()) {
            return BodyField.of(value.booleanValue());
        }
        if (value.isTextual() && Set.of("true", "false").contains(value.textValue())) {
            return BodyField.of(value.textValue().equals("true"));
        }
        if (value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)) {
            return BodyField.of(value.longValue() == 1);
        }
        throw ApiException.invalid("enabled", "Must be a valid boolean.");
    }

    private static BodyField<ConditionType> condition(JsonNode body) {
        JsonNode value = body.get("condition");
        if (value == null) {
            return BodyField.notSent();
        }
        JsonNode type = value.path("type");
        ConditionType parsed = value.isObject() && value.size() == 1 && type.isTextual() ? ConditionType.named(type.textValue()).orElse(null) : null;
        if (parsed == null) {
            throw ApiException.invalid("condition", "Alert has invalid condition: " + value + " (its type is one of absolute_value, "
                    + "relative_increase, relative_decrease).");
        }
        return BodyField.of(parsed);
    }

    private static BodyField<TrendsAlertConfig> config(JsonNode body) {
        return body.has("config") ? BodyField.of(TrendsAlertConfig.parse(body.get("config"))) : BodyField.notSent();
    }

    private static BodyField<CalculationInterval> interval(JsonNode body) {
        JsonNode value = body.get("calculation_interval");
        if (value == null) {
            return BodyField.notSent();
        }
        CalculationInterval parsed = value.isTextual() ? CalculationInterval.named(value.textValue()).orElse(null) : null;
        if (parsed == null) {
            throw ApiException.invalid("calculation_interval", "\"" + value.asText() + "\" is not a valid choice (" + CalculationInterval.NAMES + ").");
        }
        return BodyField.of(parsed);
    }

    private static BodyField<ThresholdChange> threshold(JsonNode body) {
        JsonNode value = body.get("threshold");
        if (value == null) {
            return BodyField.notSent();
        }
        if (value.isNull()) {
            throw ApiException.invalid(ThresholdConfiguration.ATTR, NOT_NULL);
        }
        if (!value.isObject()) {
            throw ApiException.invalid(ThresholdConfiguration.ATTR, "Invalid data. Expected a dictionary, but got " + typeName(value) + ".");
        }
        BodyField<String> name = name(value, "name", ThresholdConfiguration.ATTR);
        BodyField<ThresholdConfiguration> configuration = value.has("configuration")
                ? BodyField.of(ThresholdConfiguration.parse(value.get("configuration"))) : BodyField.notSent();
        return BodyField.of(new ThresholdChange(name, configuration));
    }

    private static BodyField<List<Long>> users(JsonNode body) {
        JsonNode value = body.get("subscribed_users");
        if (value == null) {
            return BodyField.notSent();
        }
        if (!value.isArray()) {
            throw ApiException.invalid("subscribed_users", "Expected a list of items but got type \"" + typeName(value) + "\".");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode id : value) {
            ids.add(primaryKey(id, "subscribed_users"));
        }
        return BodyField.of(new ArrayList<>(ids));
    }

    private static void refuseSet(JsonNode body, String field, String why, boolean falseIsEmpty) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !(falseIsEmpty && value.isBoolean() && !value.booleanValue())) {
            throw ApiException.invalid(field, why);
        }
    }

    /** The Python type name DRF's messages use. */
    private static String typeName(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "str";
            case NUMBER -> value.isIntegralNumber() ? "int" : "float";
            case BOOLEAN -> "bool";
            case ARRAY -> "list";
            case OBJECT -> "dict";
            default -> "NoneType";
        };
    }
}
