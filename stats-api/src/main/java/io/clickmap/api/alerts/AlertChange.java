package io.clickmap.api.alerts;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.BodyField;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The fields a create or update sent, each checked on its own ({@link AlertBody}); what they make of an alert
 * together with the insight is {@link AlertRules}' to check. PATCH changes only what was sent.
 */
record AlertChange(
        BodyField<Long> insight,
        BodyField<String> name,
        BodyField<Boolean> enabled,
        BodyField<ConditionType> condition,
        BodyField<TrendsAlertConfig> config,
        BodyField<CalculationInterval> calculationInterval,
        BodyField<ThresholdChange> threshold,
        BodyField<List<Long>> subscribedUsers) {

    /** The threshold sent: {@code {}} removes it; otherwise its name and configuration, each if sent. */
    record ThresholdChange(BodyField<String> name, BodyField<ThresholdConfiguration> configuration) {
        boolean removes() {
            return !name.sent() && !configuration.sent();
        }
    }

    /** A new alert's fields: what was sent, PostHog's defaults for the rest. */
    AlertFields create(Instant now) {
        ThresholdChange sent = threshold.value();
        return new AlertFields(insight.value(), name.or(""), enabled.or(true), condition.or(ConditionType.ABSOLUTE_VALUE),
                config.or(TrendsAlertConfig.DEFAULT), calculationInterval.or(CalculationInterval.DEFAULT),
                new Threshold(UUID.randomUUID().toString(), sent.name().or(""), now, required(sent.configuration())), subscribedUsers.value());
    }

    /** The alert after this change; a threshold sent to an alert without one is a new threshold. */
    AlertFields applyTo(AlertFields before, Instant now) {
        Threshold after = before.threshold();
        if (threshold.sent()) {
            ThresholdChange sent = threshold.value();
            if (sent.removes()) {
                after = null;
            } else if (after == null) {
                after = new Threshold(UUID.randomUUID().toString(), sent.name().or(""), now, required(sent.configuration()));
            } else {
                after = after.with(sent.name().or(after.name()), sent.configuration().or(after.configuration()));
            }
        }
        return new AlertFields(insight.or(before.insightId()), name.or(before.name()), enabled.or(before.enabled()), condition.or(before.condition()),
                config.or(before.config()), calculationInterval.or(before.calculationInterval()), after, subscribedUsers.or(before.subscribedUsers()));
    }

    private static ThresholdConfiguration required(BodyField<ThresholdConfiguration> configuration) {
        if (!configuration.sent()) {
            throw ApiException.invalid(ThresholdConfiguration.ATTR, "Invalid threshold configuration: configuration is required, e.g. "
                    + "{\"type\": \"absolute\", \"bounds\": {\"upper\": 100}}.");
        }
        return configuration.value();
    }
}
