package io.clickmap.api.insights;

import java.time.Instant;

/**
 * An insight as other features see it (sharing, its page): who it is, what it is called, and its saved query as
 * stored ({@code null} for none). Never written back.
 */
public record InsightSummary(
        long id,
        String shortId,
        String name,
        String derivedName,
        String description,
        String queryJson,
        boolean deleted,
        Instant lastModifiedAt) {

    /** What a page calls the insight: its name, else its derived name, else nothing. */
    public String displayName() {
        return name != null ? name : derivedName;
    }

    static InsightSummary of(StoredInsight insight) {
        InsightFields fields = insight.fields();
        return new InsightSummary(insight.id(), insight.shortId(), fields.name(), fields.derivedName(), fields.description(),
                fields.query() == null ? null : fields.query().json(), fields.deleted(), insight.lastModifiedAt());
    }
}
