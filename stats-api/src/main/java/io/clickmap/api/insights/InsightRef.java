package io.clickmap.api.insights;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.ServerTiming;
import java.util.Optional;

/**
 * The {@code :id} of an insight's path: its numeric id or its short id. A number is tried as an id first, then as
 * a short id (a short id may be all digits); anything else names nothing (404).
 */
final class InsightRef {
    private InsightRef() {
    }

    static Optional<StoredInsight> find(InsightStore store, long environmentId, String ref, ServerTiming timing) {
        if (ref.length() <= 18 && !ref.isEmpty() && ref.chars().allMatch(c -> c >= '0' && c <= '9')) {
            Optional<StoredInsight> byId = store.find(environmentId, Long.parseLong(ref), timing);
            if (byId.isPresent() || !ShortIds.isShortId(ref)) {
                return byId;
            }
        }
        if (!ShortIds.isShortId(ref)) {
            throw ApiException.notFound();
        }
        return store.findByShortId(environmentId, ref, timing);
    }
}
