package io.clickmap.api.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.clickmap.api.trends.TrendsAnswer;
import io.clickmap.api.users.UserBasic;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The insight object in PostHog's two forms, as records Micronaut serialises, fields in PostHog's order. The
 * result and cache fields come from the insight's trend ({@link TrendsAnswer}); the result is written as the
 * JSON the computation produced; {@code alerts} are the alerts feature's objects. Clickmap has no dashboards, sharing
 * restrictions or folders, so those fields are constant.
 */
final class InsightJson {
    // PostHog's "can edit" levels, which every key-holder of the environment has here.
    static final int RESTRICTION_LEVEL = 21;
    static final int PRIVILEGE_LEVEL = 37;

    private InsightJson() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Full(
            long id,
            @JsonProperty("short_id") String shortId,
            String name,
            @JsonProperty("derived_name") String derivedName,
            @JsonRawValue String query,
            Long order,
            boolean deleted,
            List<Long> dashboards,
            @JsonProperty("dashboard_tiles") List<Object> dashboardTiles,
            @JsonProperty("last_refresh") String lastRefresh,
            @JsonProperty("cache_target_age") String cacheTargetAge,
            @JsonProperty("next_allowed_client_refresh") String nextAllowedClientRefresh,
            @JsonRawValue String result,
            Boolean hasMore,
            List<String> columns,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("created_by") UserBasic createdBy,
            String description,
            @JsonProperty("updated_at") String updatedAt,
            List<String> tags,
            boolean favorited,
            @JsonProperty("last_modified_at") String lastModifiedAt,
            @JsonProperty("last_modified_by") UserBasic lastModifiedBy,
            @JsonProperty("is_sample") boolean isSample,
            @JsonProperty("effective_restriction_level") int effectiveRestrictionLevel,
            @JsonProperty("effective_privilege_level") int effectivePrivilegeLevel,
            @JsonProperty("user_access_level") String userAccessLevel,
            String timezone,
            @JsonProperty("is_cached") boolean isCached,
            @JsonProperty("query_status") Object queryStatus,
            String hogql,
            List<String> types,
            @JsonProperty("resolved_date_range") Object resolvedDateRange,
            List<Object> alerts,
            @JsonProperty("last_viewed_at") String lastViewedAt,
            Map<String, Object> filters,
            boolean saved,
            @JsonProperty("filters_hash") String filtersHash) {
    }

    /** The list's {@code basic=true} form: exactly these keys. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Basic(
            long id,
            @JsonProperty("short_id") String shortId,
            String name,
            @JsonProperty("derived_name") String derivedName,
            boolean favorited,
            Map<String, Object> filters,
            @JsonRawValue String query,
            List<Long> dashboards,
            @JsonProperty("dashboard_tiles") List<Object> dashboardTiles,
            String description,
            @JsonProperty("last_refresh") String lastRefresh,
            boolean refreshing,
            boolean saved,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("created_by") UserBasic createdBy,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("last_modified_at") String lastModifiedAt,
            List<String> tags,
            @JsonProperty("user_access_level") String userAccessLevel,
            @JsonProperty("last_viewed_at") String lastViewedAt) {
    }

    /** A row of a searched list: the insight, and after its fields how it matched ({@code exact} or {@code similar}). */
    record Searched(@JsonUnwrapped Object insight, @JsonProperty("search_match_type") String searchMatchType) {
    }

    /** A list page, as PostHog's paginator writes it; {@code search_match_type} appears on rows only when searching. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(long count, String next, String previous, List<Object> results) {
    }

    /** The whole insight with what it shows of its trend ({@code answer}: null for an insight without a query), listing no alerts. */
    static Full full(StoredInsight insight, UserBasic createdBy, UserBasic lastModifiedBy, TrendsAnswer answer) {
        return full(insight, createdBy, lastModifiedBy, answer, null, List.of());
    }

    /** The whole insight with its newest view by anyone ({@code lastViewedAt}, null for none) and its alerts ({@link InsightAlerts}). */
    static Full full(StoredInsight insight, UserBasic createdBy, UserBasic lastModifiedBy, TrendsAnswer answer, Instant lastViewedAt,
                     List<Object> alerts) {
        InsightFields fields = insight.fields();
        TrendsAnswer shown = answer == null ? TrendsAnswer.none(null, null) : answer;
        return new Full(insight.id(), insight.shortId(), fields.name(), fields.derivedName(), query(fields), fields.order(), fields.deleted(),
                List.of(), List.of(), text(shown.lastRefresh()), text(shown.cacheTargetAge()), text(shown.nextAllowedClientRefresh()),
                shown.resultJson(), shown.hasMore(), null, insight.createdAt().toString(), createdBy, fields.description(),
                insight.updatedAt().toString(), fields.tags(), fields.favorited(), insight.lastModifiedAt().toString(), lastModifiedBy, false,
                RESTRICTION_LEVEL, PRIVILEGE_LEVEL, "editor", "UTC", shown.isCached(), shown.queryStatus(), shown.hogql(), null,
                shown.resolvedDateRange(), alerts, text(lastViewedAt), Map.of(), true, shown.filtersHash());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Basic basic(StoredInsight insight, UserBasic createdBy) {
        return basic(insight, createdBy, null);
    }

    /** The basic form with the view it is shown for ({@code lastViewedAt}: null for none). */
    static Basic basic(StoredInsight insight, UserBasic createdBy, Instant lastViewedAt) {
        InsightFields fields = insight.fields();
        return new Basic(insight.id(), insight.shortId(), fields.name(), fields.derivedName(), fields.favorited(), Map.of(), query(fields),
                List.of(), List.of(), fields.description(), null, false, true, insight.updatedAt().toString(), createdBy,
                insight.createdAt().toString(), insight.lastModifiedAt().toString(), fields.tags(), "editor", text(lastViewedAt));
    }

    private static String query(InsightFields fields) {
        return fields.query() == null ? null : fields.query().json();
    }
}
