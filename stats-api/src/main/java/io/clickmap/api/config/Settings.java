package io.clickmap.api.config;

/**
 * What every feature's configuration record does with a raw setting: blank means "the default", and a
 * value out of range stops start-up with a message naming the setting.
 */
public final class Settings {
    private Settings() {
    }

    public static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static void require(boolean condition, String setting, String why) {
        if (!condition) {
            throw new IllegalStateException("Setting " + setting + " " + why);
        }
    }
}
