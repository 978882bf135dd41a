package io.clickmap.api.config;

/** The configuration of a service started with no setting at all: every value its default. */
public final class UnsetConfig {
    private UnsetConfig() {
    }

    public static StatsApiConfig defaults() {
        return new StatsApiConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
