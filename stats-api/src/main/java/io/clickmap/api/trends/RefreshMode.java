package io.clickmap.api.trends;

import java.util.Locale;
import java.util.Set;

/**
 * PostHog's {@code refresh} of an insight: whether to serve the cached result, compute now, or compute in the
 * background. {@code true}, {@code 1}, {@code yes} and an empty value mean {@link #FORCE_BLOCKING}; absent,
 * {@code false} or anything unknown mean {@link #FORCE_CACHE}, as PostHog reads them.
 */
public enum RefreshMode {
    FORCE_CACHE("force_cache"),
    BLOCKING("blocking"),
    FORCE_BLOCKING("force_blocking"),
    ASYNC("async"),
    LAZY_ASYNC("lazy_async"),
    ASYNC_EXCEPT_ON_CACHE_MISS("async_except_on_cache_miss"),
    FORCE_ASYNC("force_async");

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "");

    public final String wireName;

    RefreshMode(String wireName) {
        this.wireName = wireName;
    }

    public static RefreshMode of(String refresh) {
        if (refresh == null) {
            return FORCE_CACHE;
        }
        String value = refresh.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(value)) {
            return FORCE_BLOCKING;
        }
        for (RefreshMode mode : values()) {
            if (mode.wireName.equals(value)) {
                return mode;
            }
        }
        return FORCE_CACHE;
    }

    /** Whether this mode may start a computation (otherwise the query is not even checked beyond its kind). */
    public boolean computes() {
        return this != FORCE_CACHE;
    }

    boolean isAsync() {
        return this == ASYNC || this == LAZY_ASYNC || this == ASYNC_EXCEPT_ON_CACHE_MISS || this == FORCE_ASYNC;
    }
}
