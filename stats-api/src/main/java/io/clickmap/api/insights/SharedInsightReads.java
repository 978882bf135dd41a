package io.clickmap.api.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.api.auth.ShareGrant;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.trends.TrendsAnswer;
import io.clickmap.api.trends.TrendsResults;
import io.clickmap.api.users.UserBasic;
import io.clickmap.api.users.UserDirectory;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The insight reads a sharing access token allows, as PostHog's: the list holds only the shared insight (count 1,
 * or 0 once it is deleted) and retrieve answers it alone; any other insight, and a deleted one, is a 404. The
 * share's {@code hideExtraDetails} takes out who made and changed the insight and when. Results come as the
 * request's {@code refresh} asks, as for a key.
 */
@Singleton
class SharedInsightReads {
    static final List<String> EXTRA_DETAILS = List.of("created_by", "created_at", "last_modified_by", "last_modified_at");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InsightStore store;
    private final UserDirectory users;
    private final TrendsResults trends;

    SharedInsightReads(InsightStore store, UserDirectory users, TrendsResults trends) {
        this.store = store;
        this.users = users;
        this.trends = trends;
    }

    HttpResponse<?> list(HttpRequest<?> request, ShareGrant grant) {
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        ServerTiming timing = new ServerTiming();
        List<StoredInsight> rows = store.find(grant.environmentId(), grant.insightId(), timing).filter(insight -> !insight.fields().deleted())
                .stream().toList();
        if (format == ResponseFormat.CSV) {
            return ResponseFormat.csv(InsightCsv.list(rows), timing);
        }
        Refresh refresh = Refresh.of(query);
        List<Object> results = rows.stream().map(insight -> (Object) shown(grant, insight, answer(grant, insight, refresh.forRow(insight.id()), timing))).toList();
        return ResponseFormat.json(HttpStatus.OK, new InsightJson.Page(results.size(), null, null, results), timing);
    }

    HttpResponse<?> retrieve(HttpRequest<?> request, ShareGrant grant, String insightId) {
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ResponseFormat format = ResponseFormat.of(query);
        ServerTiming timing = new ServerTiming();
        StoredInsight insight = InsightRef.find(store, grant.environmentId(), insightId, timing)
                .filter(found -> found.id() == grant.insightId() && !found.fields().deleted())
                .orElseThrow(ApiException::notFound);
        TrendsAnswer answer = answer(grant, insight, Refresh.of(query), timing);
        if (format == ResponseFormat.CSV) {
            return ResponseFormat.csv(InsightCsv.result(answer == null ? List.of() : answer.items()), timing);
        }
        return ResponseFormat.json(HttpStatus.OK, shown(grant, insight, answer), timing);
    }

    private Object shown(ShareGrant grant, StoredInsight insight, TrendsAnswer answer) {
        InsightJson.Full full = InsightJson.full(insight, user(insight.createdBy()), user(insight.lastModifiedBy()), answer);
        if (!grant.hidesExtraDetails()) {
            return full;
        }
        ObjectNode tree = JSON.valueToTree(full);
        tree.remove(EXTRA_DETAILS);
        return tree;
    }

    private TrendsAnswer answer(ShareGrant grant, StoredInsight insight, Refresh refresh, ServerTiming timing) {
        SavedQuery query = insight.fields().query();
        return query == null ? null : trends.answer(grant.environmentId(), query.json(), refresh.mode(), refresh.clientQueryId(), timing);
    }

    private UserBasic user(long id) {
        return users.find(id).map(UserBasic::of).orElse(null);
    }
}
