package io.clickmap.api.environments;

import io.clickmap.api.errors.ApiException;

/** The {@code {id}} of an environment (or project) path: a positive integer, else the path names nothing (404). */
public final class EnvironmentId {
    public static final long MIN = 1;

    private EnvironmentId() {
    }

    /** The id in {@code /api/environments/{id}/…} or {@code /api/projects/{id}/…}. */
    public static long ofPath(String path) {
        String[] segments = path.split("/", 5);
        if (segments.length < 4 || !segments[1].equals("api") || !(segments[2].equals("environments") || segments[2].equals("projects"))) {
            throw new IllegalStateException("not an environment's path: " + path);
        }
        return parse(segments[3]);
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
