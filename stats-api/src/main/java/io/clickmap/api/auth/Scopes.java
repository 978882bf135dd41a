package io.clickmap.api.auth;

import java.util.List;

/**
 * The scopes a personal API key may hold, PostHog's names; {@code *} stands for all of them, and a {@code :write}
 * scope holds its {@code :read} ({@link ApiKey#allows}).
 */
public final class Scopes {
    public static final String ELEMENT_READ = "element:read";
    public static final String ELEMENT_WRITE = "element:write";
    public static final String INSIGHT_READ = "insight:read";
    public static final String INSIGHT_WRITE = "insight:write";
    public static final String ACTIVITY_LOG_READ = "activity_log:read";
    public static final String SHARING_CONFIGURATION_READ = "sharing_configuration:read";
    public static final String SHARING_CONFIGURATION_WRITE = "sharing_configuration:write";
    public static final String ALERT_READ = "alert:read";
    public static final String ALERT_WRITE = "alert:write";
    public static final String ALL = "*";
    static final String READ = ":read";
    static final String WRITE = ":write";
    public static final List<String> KNOWN = List.of(ELEMENT_READ, ELEMENT_WRITE, INSIGHT_READ, INSIGHT_WRITE, ACTIVITY_LOG_READ,
            SHARING_CONFIGURATION_READ, SHARING_CONFIGURATION_WRITE, ALERT_READ, ALERT_WRITE, ALL);

    private Scopes() {
    }

    public static boolean isKnown(String scope) {
        return KNOWN.contains(scope);
    }
}
