package io.clickmap.capture.config;

import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.event.EventTopic;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Every setting of the capture service with its default, in this one place ({@code capture.*};
 * application.yml maps the operators' environment variables onto these names). Blank means "the
 * default". A bad value stops start-up with a message naming the setting.
 */
@ConfigurationProperties("capture")
public record CaptureConfig(
        @Nullable String kafkaBootstrapServers,
        @Nullable String kafkaTopic,
        @Nullable Duration kafkaTimeout,
        @Nullable Integer kafkaProducers,
        @Nullable Long inFlightBytes,
        @Nullable String clickhouseUrl,
        @Nullable String clickhouseDatabase,
        @Nullable String clickhouseUser,
        @Nullable String clickhousePassword,
        @Nullable Boolean trustForwardedFor) {

    public CaptureConfig {
        kafkaBootstrapServers = orDefault(kafkaBootstrapServers, EventTopic.DEFAULT_BOOTSTRAP_SERVERS);
        kafkaTopic = orDefault(kafkaTopic, EventTopic.DEFAULT_NAME);
        kafkaTimeout = kafkaTimeout == null ? Duration.ofSeconds(10) : kafkaTimeout;
        kafkaProducers = kafkaProducers == null ? 2 : kafkaProducers;
        inFlightBytes = inFlightBytes == null ? 64L << 20 : inFlightBytes;
        clickhouseUrl = orDefault(clickhouseUrl, ClickHouseConfig.DEFAULT_URL);
        clickhouseDatabase = orDefault(clickhouseDatabase, ClickHouseConfig.DEFAULT_DATABASE);
        clickhouseUser = orDefault(clickhouseUser, ClickHouseConfig.DEFAULT_USER);
        clickhousePassword = clickhousePassword == null ? "" : clickhousePassword;
        trustForwardedFor = trustForwardedFor != null && trustForwardedFor;

        // Past a few seconds the SDK has long given up on the request; within a second Kafka's own retries cannot help.
        require(kafkaTimeout.compareTo(Duration.ofSeconds(1)) >= 0 && kafkaTimeout.compareTo(Duration.ofMinutes(1)) <= 0,
                "capture.kafka-timeout", "must be between 1 s and 1 min");
        require(kafkaProducers >= 1 && kafkaProducers <= 16, "capture.kafka-producers", "must be from 1 to 16");
        // A request's events must fit, or no request could ever be accepted.
        require(inFlightBytes >= CaptureLimits.MAX_DECODED_BYTES, "capture.in-flight-bytes",
                "must be at least " + CaptureLimits.MAX_DECODED_BYTES + " (the largest decoded request)");
    }

    public ClickHouseConfig clickHouse() {
        try {
            return new ClickHouseConfig(clickhouseUrl, clickhouseDatabase, clickhouseUser, clickhousePassword);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("capture.clickhouse-url / capture.clickhouse-database (CLICKHOUSE_URL, CLICKHOUSE_DATABASE): "
                    + e.getMessage(), e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static void require(boolean condition, String setting, String why) {
        if (!condition) {
            throw new IllegalStateException("Setting " + setting + " " + why);
        }
    }
}
