package io.clickmap.api.stats;

import io.clickmap.chain.ChainTrim;

/** A parsed stats request: the rows it asks for, how to trim their elements, and whether to wrap them in a page object. */
record StatsRequest(StatsQuery query, ChainTrim trim, boolean paginate) {
}
