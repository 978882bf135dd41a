package io.clickmap.api.stats;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.clickmap.api.errors.ApiException;
import java.util.List;

/**
 * Proves that every regex filter of a query is valid RE2 syntax by compiling it with re2j, before ClickHouse
 * sees it (its 18.16 error text is unreadable to the client); a regex that does not compile is a 400 naming
 * {@code properties}. Even within {@link Re2Limits} a compile costs up to a millisecond, and a request may carry
 * fifty, so this runs on the blocking executor only — never on the event loop. A page found in the cache needs
 * no check: its equal query passed this one before it was computed.
 */
final class RegexSyntax {
    private RegexSyntax() {
    }

    static void requireCompilable(List<PropertyFilter> filters) {
        for (PropertyFilter filter : filters) {
            if (!filter.operator().isRegex()) {
                continue;
            }
            try {
                Pattern.compile(filter.values().get(0));
            } catch (PatternSyntaxException e) {
                throw ApiException.invalid(PropertiesParameter.NAME,
                        "Invalid regular expression in the filter on " + filter.key() + " (RE2 syntax): " + e.getDescription() + ".");
            }
        }
    }
}
