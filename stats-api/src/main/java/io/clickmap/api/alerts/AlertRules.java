package io.clickmap.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.insights.InsightLookup;
import io.clickmap.api.insights.InsightLookup.LiveInsight;
import io.clickmap.api.trends.TrendsShape;
import io.clickmap.api.users.UserDirectory;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Checks an alert as a whole after a create or update, with PostHog's rules and messages: its insight lives in the
 * environment and holds a TrendsQuery, its users exist, and its config, condition and threshold fit that query and
 * one another. A TrendsQuery Clickmap does not compute is accepted: each check of it is {@code Errored}, saying why.
 */
@Singleton
class AlertRules {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InsightLookup insights;
    private final UserDirectory users;

    AlertRules(InsightLookup insights, UserDirectory users) {
        this.insights = insights;
        this.users = users;
    }

    /** The alert's insight, once the alert is found sound; a 400 naming the field otherwise. */
    LiveInsight check(long environmentId, AlertFields alert, ServerTiming timing) {
        LiveInsight insight = insights.byId(environmentId, alert.insightId(), timing)
                .orElseThrow(() -> AlertBody.doesNotExist("insight", alert.insightId()));
        JsonNode query = trendsQuery(insight).orElseThrow(() -> ApiException.invalid("insight", "Alerts are not supported for this insight."));
        for (long user : alert.subscribedUsers()) {
            if (users.find(user).isEmpty()) {
                throw AlertBody.doesNotExist("subscribed_users", user);
            }
        }
        ConditionType condition = alert.condition();
        ThresholdConfiguration threshold = alert.threshold() == null ? null : alert.threshold().configuration();
        Optional<TrendsShape> shape = TrendsShape.ifComputed(query);
        if (shape.isPresent() && alert.config().seriesIndex() >= shape.get().results()) {
            throw ApiException.invalid(TrendsAlertConfig.ATTR, "series_index " + alert.config().seriesIndex() + " is out of range (query has "
                    + shape.get().results() + " series)");
        }
        if (shape.isPresent() && shape.get().totalValue() && condition.isRelative()) {
            throw ApiException.invalid("condition", "Relative alert condition '" + condition.wireName
                    + "' is not compatible with non time series trends");
        }
        if (threshold != null && condition == ConditionType.ABSOLUTE_VALUE && threshold.type() != ThresholdType.ABSOLUTE) {
            throw ApiException.invalid(ThresholdConfiguration.ATTR,
                    "Absolute value alerts require an absolute threshold, but a percentage threshold was configured");
        }
        // Only a breach above an upper bound is final before the interval ends: more events can only raise the value.
        if (threshold != null && alert.config().checkOngoingInterval() && condition != ConditionType.RELATIVE_DECREASE && threshold.upper() == null) {
            throw ApiException.invalid(TrendsAlertConfig.ATTR, "check_ongoing_interval is only supported for alert condition " + condition.wireName
                    + " when upper threshold is specified");
        }
        return insight;
    }

    /** The insight's saved query when it is a TrendsQuery (bare or in an InsightVizNode). */
    static Optional<JsonNode> trendsQuery(LiveInsight insight) {
        if (insight.queryJson() == null) {
            return Optional.empty();
        }
        JsonNode query = read(insight.queryJson());
        return TrendsShape.isTrendsQuery(query) ? Optional.of(query) : Optional.empty();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("a stored insight query is not JSON", e);
        }
    }
}
