package io.clickmap.api.insights;

import io.clickmap.api.web.ServerTiming;
import java.util.List;
import java.util.Map;

/**
 * The alerts on insights, for the insight object's {@code alerts} (PostHog's alert objects), kept by the alerts
 * feature. The same reads answer for any number of insights (the alerts, and their checks when there are any), so a
 * list page costs as many as one insight, not as many per row.
 * Failures pass through.
 */
public interface InsightAlerts {
    /**
     * The alerts on each of these insights that are not deleted, newest first. {@code shown} maps each insight's id
     * to its basic form, what an alert shows of its insight; an insight without alerts may be missing from the answer.
     */
    Map<Long, List<Object>> on(long environmentId, Map<Long, Object> shown, ServerTiming timing);
}
