package io.clickmap.api.alerts;

/** An alert's state as PostHog names it: after each check it fires, does not, or could not be evaluated. */
enum AlertState {
    FIRING("Firing"), NOT_FIRING("Not firing"), ERRORED("Errored");

    final String wireName;

    AlertState(String wireName) {
        this.wireName = wireName;
    }

    static AlertState named(String name) {
        for (AlertState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalStateException("an alert check with state '" + name + "'");
    }
}
