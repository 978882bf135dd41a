package io.clickmap.api.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.clickmap.api.users.UserBasic;
import java.util.List;

/**
 * A row of {@code GET …/insights/trending/}, PostHog's trending insight: the basic form (its {@code last_viewed_at}
 * the newest view by anyone), then how many users viewed it in the window, the latest of them and who last
 * changed it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record TrendingJson(
        @JsonUnwrapped InsightJson.Basic insight,
        @JsonProperty("view_count") int viewCount,
        List<UserBasic> viewers,
        @JsonProperty("last_modified_by") UserBasic lastModifiedBy) {
}
