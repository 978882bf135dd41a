package io.clickmap.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code bin/run} starts and where: the folder that keeps every server's data between runs,
 * and the loopback ports. Defaults in one place, here; flags override them.
 */
public record LauncherConfig(Path home, int apiPort, int capturePort, int pagePort, int ingestPort, int clickHousePort, int kafkaPort, boolean demo, int demoEvents) {

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("home", ".clickmap");
        defaults.put("api-port", "8000");
        defaults.put("capture-port", "8010");
        defaults.put("page-port", "8020");
        defaults.put("ingest-port", "8081");
        defaults.put("clickhouse-port", "18123");
        defaults.put("kafka-port", "19092");
        defaults.put("demo-events", "5000");
        return defaults;
    }

    /** {@code [--demo] [--home DIR] [--api-port N] [--capture-port N] [--page-port N] [--ingest-port N] [--clickhouse-port N] [--kafka-port N] [--demo-events N]} */
    static LauncherConfig parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        boolean demo = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--demo")) {
                demo = true;
            } else if (flag.startsWith("--") && values.containsKey(flag.substring(2)) && i + 1 < args.length) {
                values.put(flag.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument '" + flag + "'; " + usage());
            }
        }
        return new LauncherConfig(Path.of(values.get("home")).toAbsolutePath(), port(values, "api-port"), port(values, "capture-port"), port(values, "page-port"), port(values, "ingest-port"),
                port(values, "clickhouse-port"), port(values, "kafka-port"), demo, (int) number(values, "demo-events", 1, 10_000_000));
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("usage: bin/run [--demo]");
        DEFAULTS.forEach((flag, value) -> usage.append(" [--").append(flag).append(' ').append(value).append(']'));
        return usage.toString();
    }

    private static int port(Map<String, String> values, String flag) {
        return (int) number(values, flag, 1024, 65_534);
    }

    private static long number(Map<String, String> values, String flag, long min, long max) {
        try {
            long value = Long.parseLong(values.get(flag));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + flag + " must be a number from " + min + " to " + max + ", not '" + values.get(flag) + "'");
    }
}
