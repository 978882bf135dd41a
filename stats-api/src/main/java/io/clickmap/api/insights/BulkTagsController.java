package io.clickmap.api.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * PostHog's {@code bulk_update_tags}: adds, removes or sets tags on many insights at once ({@link BulkTagsBody}).
 * Checks in order: the path (404), the key and {@code insight:write} (401/403), then the body (400). Each insight
 * whose tags change gets a new version of its own (an {@code updated} entry in its activity log), all of them in one
 * insert, so they land together or not at all; one whose tags would not change is listed as updated and written not
 * at all. An id that names no insight of the environment,
 * or a soft-deleted one, is skipped, as PostHog skips what the key may not edit, without saying which it was.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class BulkTagsController {
    static final String SKIPPED = "Not found or no edit access";
    static final String BULK_UPDATE_TAGS = "/bulk_update_tags";

    private final InsightStore store;
    private final InsightWrites writes;

    public BulkTagsController(InsightStore store, InsightWrites writes) {
        this.store = store;
        this.writes = writes;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Result(List<Updated> updated, List<Skipped> skipped) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Updated(long id, List<String> tags) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Skipped(long id, String reason) {
    }

    @Post(uris = {InsightsController.ENVIRONMENT_INSIGHTS + BULK_UPDATE_TAGS, InsightsController.PROJECT_INSIGHTS + BULK_UPDATE_TAGS})
    public HttpResponse<?> bulkUpdateTags(HttpRequest<?> request, @Authorized(Scopes.INSIGHT_WRITE) Access access, @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        ResponseFormat format = ResponseFormat.of(request);
        BulkTagsBody bulk = BulkTagsBody.parse(body);
        ServerTiming timing = new ServerTiming();
        Map<Long, StoredInsight> current = store.current(environmentId, bulk.ids(), timing).stream()
                .collect(Collectors.toMap(StoredInsight::id, Function.identity()));
        List<Updated> updated = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Map<StoredInsight, InsightFields> changes = new LinkedHashMap<>();
        for (long id : bulk.ids()) {
            StoredInsight insight = current.get(id);
            if (insight == null || insight.fields().deleted()) {
                skipped.add(new Skipped(id, SKIPPED));
                continue;
            }
            List<String> tags = bulk.action().apply(insight.fields().tags(), bulk.tags());
            if (!tags.equals(insight.fields().tags())) {
                changes.put(insight, insight.fields().withTags(tags));
            }
            updated.add(new Updated(id, tags));
        }
        writes.updateAll(environmentId, changes, access.key().userId(), timing);
        Result result = new Result(updated, skipped);
        if (format == ResponseFormat.CSV) {
            return ResponseFormat.csv(InsightCsv.bulkResult(result), timing);
        }
        return ResponseFormat.json(HttpStatus.OK, result, timing);
    }
}
