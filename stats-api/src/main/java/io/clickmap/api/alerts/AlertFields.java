package io.clickmap.api.alerts;

import java.util.List;

/**
 * What an alert's writer decides: the insight it watches, its name, whether it is checked, how (condition, config,
 * threshold) and how often, and who is subscribed. {@code threshold} is null for an alert whose threshold was
 * removed ({@code "threshold": {}}): it never fires.
 */
record AlertFields(
        long insightId,
        String name,
        boolean enabled,
        ConditionType condition,
        TrendsAlertConfig config,
        CalculationInterval calculationInterval,
        Threshold threshold,
        List<Long> subscribedUsers) {

    static final int MAX_NAME = 255;

    AlertFields {
        subscribedUsers = List.copyOf(subscribedUsers);
    }

    /**
     * Whether a change from {@code before} alters what a check evaluates or when: such a change makes the alert due at
     * once and forgets the state of earlier checks (PostHog does so for its threshold and interval).
     */
    static boolean changesChecks(AlertFields before, AlertFields after) {
        return before.insightId != after.insightId || before.enabled != after.enabled || before.condition != after.condition
                || !before.config.equals(after.config) || before.calculationInterval != after.calculationInterval
                || !configurationOf(before).equals(configurationOf(after));
    }

    private static String configurationOf(AlertFields fields) {
        return fields.threshold == null ? "" : fields.threshold.configuration().json();
    }
}
