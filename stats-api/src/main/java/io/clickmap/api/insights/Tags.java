package io.clickmap.api.insights;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.JsonBody;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Tags as PostHog keeps them: trimmed, lower-cased, blanks dropped, each once; listed sorted. */
final class Tags {
    static final int MAX_LENGTH = 255;

    private Tags() {
    }

    static List<String> normalise(Collection<String> sent, String attr) {
        TreeSet<String> tags = new TreeSet<>();
        for (String tag : sent) {
            String normal = JsonBody.unicode(tag, attr).strip().toLowerCase(Locale.ROOT);
            if (normal.isEmpty()) {
                continue;
            }
            if (normal.codePointCount(0, normal.length()) > MAX_LENGTH) {
                throw ApiException.invalid(attr, "Each tag must have at most " + MAX_LENGTH + " characters.");
            }
            tags.add(normal);
        }
        return List.copyOf(tags);
    }
}
