package io.clickmap.api.alerts;

import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.insights.InsightLookup;
import io.clickmap.api.insights.InsightLookup.LiveInsight;
import io.clickmap.api.users.UserBasic;
import io.clickmap.api.users.UserDirectory;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Alerts as PostHog answers them, in one place: each with its insight (basic form), its users, its threshold and
 * what its checks say ({@link AlertStatus}). A page of alerts costs two ClickHouse reads, their checks and their
 * insights, whatever its length; users come from the {@link UserDirectory}'s cache.
 */
@Singleton
class AlertResponses {
    private final AlertCheckStore checks;
    private final InsightLookup insights;
    private final UserDirectory users;

    AlertResponses(AlertCheckStore checks, InsightLookup insights, UserDirectory users) {
        this.checks = checks;
        this.insights = insights;
        this.users = users;
    }

    AlertJson.Alert one(long environmentId, StoredAlert alert, ServerTiming timing) {
        return all(environmentId, List.of(alert), timing).get(0);
    }

    List<AlertJson.Alert> all(long environmentId, List<StoredAlert> alerts, ServerTiming timing) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        Map<String, List<AlertCheck>> recent = checks.recent(environmentId, alerts.stream().map(StoredAlert::id).toList(), timing);
        Map<Long, Object> shown = new HashMap<>();
        List<Long> insightIds = alerts.stream().map(alert -> alert.fields().insightId()).distinct().toList();
        for (LiveInsight insight : insights.shownByIds(environmentId, insightIds, timing)) {
            shown.put(insight.id(), insight.basic());
        }
        return alerts.stream().map(alert -> json(alert, AlertStatus.of(alert, recent.getOrDefault(alert.id(), List.of())), shown)).toList();
    }

    /** An alert as answered, with what its checks say and its insight's basic form (from {@code insightsById}); reads nothing. */
    AlertJson.Alert json(StoredAlert alert, AlertStatus status, Map<Long, Object> insightsById) {
        AlertFields fields = alert.fields();
        List<UserBasic> subscribed = fields.subscribedUsers().stream().map(this::user).filter(Objects::nonNull).toList();
        List<AlertJson.Check> shownChecks = status.checks().stream().map(AlertResponses::check).toList();
        return new AlertJson.Alert(alert.id(), user(alert.createdBy()), alert.createdAt().toString(), insightsById.get(fields.insightId()),
                fields.name(), subscribed, AlertJson.ThresholdJson.of(fields.threshold()), fields.condition().json(), status.state().wireName,
                fields.enabled(), null, text(status.lastCheckedAt()), text(status.nextCheckAt()), shownChecks, fields.config().json(), null,
                fields.calculationInterval().wireName, null, false, status.lastValue());
    }

    private static AlertJson.Check check(AlertCheck check) {
        // The same check has the same id on every read: made of the alert and the check's time.
        String id = UUID.nameUUIDFromBytes((check.alertId() + "/" + Micros.of(check.checkedAt())).getBytes(StandardCharsets.UTF_8)).toString();
        return new AlertJson.Check(id, check.checkedAt().toString(), check.value(), check.state().wireName, false, null, null, null,
                check.interval().isEmpty() ? null : check.interval(), check.state() == AlertState.ERRORED ? check.reason() : null);
    }

    private UserBasic user(long id) {
        return users.find(id).map(UserBasic::of).orElse(null);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
