package io.clickmap.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.api.alerts.AlertEvaluation.Candidate;
import io.clickmap.api.alerts.AlertEvaluation.Outcome;
import io.clickmap.api.alerts.AlertEvaluation.Rule;
import io.clickmap.api.alerts.AlertEvaluation.Unevaluable;
import io.clickmap.api.insights.InsightLookup;
import io.clickmap.api.insights.InsightLookup.LiveInsight;
import io.clickmap.api.trends.RefreshMode;
import io.clickmap.api.trends.TrendsAnswer;
import io.clickmap.api.trends.TrendsInterval;
import io.clickmap.api.trends.TrendsItem;
import io.clickmap.api.trends.TrendsResults;
import io.clickmap.api.trends.TrendsShape;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one alert against its insight's trend, computed now by {@link TrendsResults} (never from the results
 * cache: a check must see the latest events). As PostHog does, a time series is computed over the last intervals
 * only — two before the running one for an absolute value, three for a change — and a comparison with an earlier
 * period is left out, so that {@code series_index} is the series. An insight gone, not a TrendsQuery, or one Clickmap
 * does not compute is {@link Unevaluable}; other failures (ClickHouse, throttling) pass through.
 */
@Singleton
class AlertTrend {
    private final InsightLookup insights;
    private final TrendsResults trends;

    AlertTrend(InsightLookup insights, TrendsResults trends) {
        this.insights = insights;
        this.trends = trends;
    }

    /** What a check of this alert finds now, and the insight's interval it looked at (null when it computed nothing). */
    record Evaluated(Outcome outcome, String interval) {
    }

    Evaluated evaluate(long environmentId, StoredAlert alert, String queryId) {
        AlertFields fields = alert.fields();
        LiveInsight insight = insights.byId(environmentId, fields.insightId(), new ServerTiming())
                .orElseThrow(() -> new Unevaluable("The alert's insight " + fields.insightId() + " is deleted or does not exist."));
        JsonNode query = AlertRules.trendsQuery(insight).orElseThrow(() -> new Unevaluable("Alerts are not supported for this insight."));
        ThresholdConfiguration threshold = fields.threshold() == null ? null : fields.threshold().configuration();
        if (threshold == null || !threshold.hasBounds()) {
            // Nothing to break: PostHog reports such an alert not firing with the value 0, without computing.
            return new Evaluated(new Outcome(0.0, null), null);
        }
        TrendsShape shape = shape(query);
        TrendsAnswer answer = trends.answer(environmentId, checkedQuery(query, fields.condition(), shape), RefreshMode.FORCE_BLOCKING, queryId,
                new ServerTiming());
        Rule rule = new Rule(fields.condition(), threshold, fields.config().checkOngoingInterval(), shape.totalValue(), shape.breakdown(),
                shape.interval().jsonName());
        return new Evaluated(AlertEvaluation.evaluate(rule, candidates(answer.items(), fields.config().seriesIndex(), shape.breakdown())),
                shape.interval().jsonName());
    }

    private static TrendsShape shape(JsonNode query) {
        try {
            return TrendsShape.of(query);
        } catch (io.clickmap.api.errors.ApiException refused) {
            throw new Unevaluable(refused.error().detail());
        }
    }

    /** The insight's query as a check computes it: its last intervals only, without a compared period. */
    static String checkedQuery(JsonNode saved, ConditionType condition, TrendsShape shape) {
        JsonNode copy = saved.deepCopy();
        ObjectNode source = (ObjectNode) ("InsightVizNode".equals(copy.path("kind").asText()) ? copy.get("source") : copy);
        source.remove("compareFilter");
        if (!shape.totalValue()) {
            int intervals = condition == ConditionType.ABSOLUTE_VALUE ? 2 : 3;
            source.putObject("dateRange").put("date_from", "-" + intervals + unit(shape.interval()));
        }
        return copy.toString();
    }

    private static String unit(TrendsInterval interval) {
        return switch (interval) {
            case HOUR -> "h";
            case DAY -> "d";
            case WEEK -> "w";
            case MONTH -> "m";
        };
    }

    /** The items a check holds: with a breakdown all of them, else the one {@code series_index} picks. */
    private static List<Candidate> candidates(List<TrendsItem> items, int seriesIndex, boolean breakdown) {
        List<Candidate> candidates = new ArrayList<>();
        if (!breakdown && seriesIndex >= items.size()) {
            throw new Unevaluable("series_index " + seriesIndex + " is out of range (the trend has " + items.size() + " series)");
        }
        for (TrendsItem item : breakdown ? items : List.of(items.get(seriesIndex))) {
            double[] data = item.data() == null ? new double[0] : item.data().stream().mapToDouble(Number::doubleValue).toArray();
            candidates.add(new Candidate(item.label(), data, item.aggregatedValue() == null ? null : item.aggregatedValue().doubleValue()));
        }
        return candidates;
    }
}
