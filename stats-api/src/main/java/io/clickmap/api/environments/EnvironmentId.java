package io.clickmap.api.environments;

import io.clickmap.api.errors.ApiException;

/** The {@code {id}} of an environment (or project) path: a positive integer, else the path names nothing (404). */
public final class EnvironmentId {
    public static final long MIN = 1;

    private EnvironmentId() {
    }

    public static long parse(String pathSegment) {
        if (pathSegment == null || pathSegment.isEmpty() || pathSegment.length() > 18) {
            throw ApiException.notFound();
        }
        for (int i = 0; i < pathSegment.length(); i++) {
            char c = pathSegment.charAt(i);
            if (c < '0' || c > '9') {
                throw ApiException.notFound();
            }
        }
        long id = Long.parseLong(pathSegment);
        if (id < MIN) {
            throw ApiException.notFound();
        }
        return id;
    }
}
