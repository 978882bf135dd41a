package io.clickmap.api.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.clickmap.api.users.UserBasic;
import java.util.List;

/**
 * The alert, threshold and check objects of PostHog's alerts API, as records Micronaut serialises, fields in
 * PostHog's order. Clickmap notifies no one, snoozes nothing and has no detectors, so those fields are constant;
 * {@code condition}, {@code config} and a threshold's {@code configuration} are written as stored (their JSON).
 */
final class AlertJson {
    private AlertJson() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Alert(
            String id,
            @JsonProperty("created_by") UserBasic createdBy,
            @JsonProperty("created_at") String createdAt,
            Object insight,
            String name,
            @JsonProperty("subscribed_users") List<UserBasic> subscribedUsers,
            ThresholdJson threshold,
            @JsonRawValue String condition,
            String state,
            boolean enabled,
            @JsonProperty("last_notified_at") String lastNotifiedAt,
            @JsonProperty("last_checked_at") String lastCheckedAt,
            @JsonProperty("next_check_at") String nextCheckAt,
            List<Check> checks,
            @JsonRawValue String config,
            @JsonProperty("detector_config") Object detectorConfig,
            @JsonProperty("calculation_interval") String calculationInterval,
            @JsonProperty("snoozed_until") String snoozedUntil,
            @JsonProperty("skip_weekend") boolean skipWeekend,
            @JsonProperty("last_value") Double lastValue) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ThresholdJson(String id, @JsonProperty("created_at") String createdAt, String name, @JsonRawValue String configuration) {
        static ThresholdJson of(Threshold threshold) {
            return threshold == null ? null
                    : new ThresholdJson(threshold.id(), threshold.createdAt().toString(), threshold.name(), threshold.configuration().json());
        }
    }

    /** A threshold as the insight's thresholds endpoints answer it: with the alerts that use it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ThresholdWithAlerts(String id, @JsonProperty("created_at") String createdAt, String name, @JsonRawValue String configuration,
                               List<Alert> alerts) {
    }

    /** One check; {@code error} (Clickmap's addition) says why an {@code Errored} one failed, null otherwise. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Check(
            String id,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("calculated_value") Double calculatedValue,
            String state,
            @JsonProperty("targets_notified") boolean targetsNotified,
            @JsonProperty("anomaly_scores") List<Double> anomalyScores,
            @JsonProperty("triggered_points") List<Integer> triggeredPoints,
            @JsonProperty("triggered_dates") List<String> triggeredDates,
            String interval,
            String error) {
    }

    /** A list page, as PostHog's paginator writes it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(long count, String next, String previous, List<?> results) {
    }
}
