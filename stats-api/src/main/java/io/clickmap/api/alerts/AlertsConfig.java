package io.clickmap.api.alerts;

import static io.clickmap.api.config.Settings.require;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** The alerts feature's one setting: how often each instance looks for alerts that are due and checks them ({@code 0s}: never). */
@ConfigurationProperties("clickmap")
public record AlertsConfig(@Nullable Duration alertCheckInterval) {
    public static final Duration MAX_CHECK_INTERVAL = Duration.ofHours(1);

    public AlertsConfig {
        alertCheckInterval = alertCheckInterval == null ? Duration.ofSeconds(60) : alertCheckInterval;
        require(!alertCheckInterval.isNegative() && alertCheckInterval.compareTo(MAX_CHECK_INTERVAL) <= 0, "clickmap.alert-check-interval",
                "must be from 0s (no checks) to " + MAX_CHECK_INTERVAL.toMinutes() + "m");
    }

    boolean checks() {
        return !alertCheckInterval.isZero();
    }
}
