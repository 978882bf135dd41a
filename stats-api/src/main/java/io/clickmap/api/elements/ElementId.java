package io.clickmap.api.elements;

import io.clickmap.api.clickhouse.RowIds;
import io.clickmap.api.errors.ApiException;

/**
 * The {@code {elementId}} of an element path. The route admits only digits (so {@code stats} and {@code values}
 * keep their own routes); anything that cannot be an id Clickmap hands out — 0, or 2^53 and above — names
 * nothing (404).
 */
final class ElementId {
    private ElementId() {
    }

    static long parse(String pathSegment) {
        String significant = pathSegment.replaceFirst("^0+", "");
        if (significant.isEmpty() || significant.length() > 16 || !significant.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.notFound();
        }
        long id = Long.parseLong(significant);
        if (id > RowIds.MAX_ID) {
            throw ApiException.notFound();
        }
        return id;
    }
}
