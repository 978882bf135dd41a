package io.clickmap.ingest.config;

import io.clickmap.clickhouse.ClickHouseConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The ingest service's configuration, immutable once built. Each setting comes from, in order of
 * precedence: an environment variable, a properties file, the default in {@link Setting}. Values are
 * checked here, at start-up, with a message naming the setting.
 */
public record IngestConfig(
        String bootstrapServers,
        String topic,
        String group,
        String deadLetterTopic,
        String groupInstanceId,
        Duration sessionTimeout,
        ClickHouseConfig clickHouse,
        int batchRows,
        long batchBytes,
        Duration linger,
        Map<Long, String> environments,
        boolean environmentsFromTable,
        int statusPort) {

    public IngestConfig {
        environments = Map.copyOf(environments);
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException(Setting.KAFKA_DEAD_LETTER_TOPIC.property() + " must differ from " + Setting.KAFKA_TOPIC.property()
                    + ": dead letters would be read again");
        }
        if (environments.isEmpty() && !environmentsFromTable) {
            throw new IllegalArgumentException("no environment could ever be accepted: set " + Setting.INGEST_ENVIRONMENTS.property()
                    + " or " + Setting.INGEST_ENVIRONMENTS_FROM_TABLE.property() + "=true");
        }
    }

    /** Reads the settings from the environment, over an optional properties file. */
    public static IngestConfig load(Path file, Map<String, String> environment) {
        Properties properties = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the configuration file " + file, e);
            }
        }
        Map<Setting, String> values = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.environmentVariable());
            if (value == null) {
                value = properties.getProperty(setting.property(), setting.defaultValue());
            }
            values.put(setting, value.strip());
        }
        return from(values);
    }

    static IngestConfig from(Map<Setting, String> values) {
        return new IngestConfig(
                required(values, Setting.KAFKA_BOOTSTRAP_SERVERS),
                required(values, Setting.KAFKA_TOPIC),
                required(values, Setting.KAFKA_GROUP),
                required(values, Setting.KAFKA_DEAD_LETTER_TOPIC),
                values.get(Setting.KAFKA_GROUP_INSTANCE_ID),
                Duration.ofMillis(number(values, Setting.KAFKA_SESSION_TIMEOUT_MS, 6_000, 300_000)),
                new ClickHouseConfig(values.get(Setting.CLICKHOUSE_URL), values.get(Setting.CLICKHOUSE_DATABASE),
                        values.get(Setting.CLICKHOUSE_USER), values.get(Setting.CLICKHOUSE_PASSWORD),
                        values.get(Setting.CLICKHOUSE_CLUSTER)),
                (int) number(values, Setting.INGEST_BATCH_ROWS, 1, 1_000_000),
                number(values, Setting.INGEST_BATCH_BYTES, 1 << 16, 1L << 31),
                Duration.ofMillis(number(values, Setting.INGEST_LINGER_MS, 1, 60_000)),
                environments(values.get(Setting.INGEST_ENVIRONMENTS)),
                bool(values, Setting.INGEST_ENVIRONMENTS_FROM_TABLE),
                (int) number(values, Setting.INGEST_STATUS_PORT, 0, 65_535));
    }

    private static String required(Map<Setting, String> values, Setting setting) {
        String value = values.get(setting);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(setting.property() + " (" + setting.environmentVariable() + ") must not be empty");
        }
        return value;
    }

    private static long number(Map<Setting, String> values, Setting setting, long min, long max) {
        try {
            long value = Long.parseLong(values.get(setting));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException(setting.property() + " (" + setting.environmentVariable() + ") must be an integer from "
                + min + " to " + max + ", not '" + values.get(setting) + "'");
    }

    private static boolean bool(Map<Setting, String> values, Setting setting) {
        return switch (values.get(setting).toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(setting.property() + " (" + setting.environmentVariable()
                    + ") must be true or false, not '" + values.get(setting) + "'");
        };
    }

    /** {@code 1:phc_shop,2:phc_blog} → {1=phc_shop, 2=phc_blog}. */
    static Map<Long, String> environments(String list) {
        Map<Long, String> environments = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] idAndToken = entry.strip().split(":", 2);
            try {
                long id = Long.parseLong(idAndToken[0]);
                if (id < 1 || idAndToken.length < 2 || idAndToken[1].isBlank()) {
                    throw new NumberFormatException();
                }
                environments.put(id, idAndToken[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Setting.INGEST_ENVIRONMENTS.property() + " entries are id:token with a positive id, not '" + entry + "'");
            }
        }
        return environments;
    }
}
