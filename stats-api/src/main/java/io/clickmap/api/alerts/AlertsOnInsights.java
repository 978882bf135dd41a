package io.clickmap.api.alerts;

import io.clickmap.api.insights.InsightAlerts;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts an insight object lists, as the alerts API answers them: the live alerts on some insights, and only when
 * there are some, their newest checks ({@link AlertCheckStore}). Most insights have no alert, and the single read of
 * their alerts ({@link AlertStore}) costs ~1 ms on 18.16 where one statement joining alerts with their checks cost ~5 ms
 * with or without any. ClickHouse failures pass through.
 */
@Singleton
class AlertsOnInsights implements InsightAlerts {
    private final AlertStore store;
    private final AlertCheckStore checks;
    private final AlertResponses responses;

    AlertsOnInsights(AlertStore store, AlertCheckStore checks, AlertResponses responses) {
        this.store = store;
        this.checks = checks;
        this.responses = responses;
    }

    @Override
    public Map<Long, List<Object>> on(long environmentId, Map<Long, Object> shown, ServerTiming timing) {
        Map<Long, List<Object>> alerts = new HashMap<>();
        if (shown.isEmpty()) {
            return alerts;
        }
        List<StoredAlert> live = store.liveOn(environmentId, List.copyOf(shown.keySet()), timing);
        if (live.isEmpty()) {
            return alerts;
        }
        Map<String, List<AlertCheck>> newest = checks.recent(environmentId, live.stream().map(StoredAlert::id).toList(), timing);
        for (StoredAlert alert : live) {
            AlertJson.Alert json = responses.json(alert, AlertStatus.of(alert, newest.getOrDefault(alert.id(), List.of())), shown);
            alerts.computeIfAbsent(alert.fields().insightId(), id -> new ArrayList<>()).add(json);
        }
        return alerts;
    }
}
