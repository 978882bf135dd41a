package io.clickmap.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {
    @Test
    void defaultsApplyWhenNothingIsSet() {
        IngestConfig config = IngestConfig.load(null, Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.topic()).isEqualTo("clickmap_events");
        assertThat(config.deadLetterTopic()).isEqualTo("clickmap_events_dlq");
        assertThat(config.batchRows()).isEqualTo(100_000);
        assertThat(config.linger()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.clickHouse().url()).isEqualTo("http://127.0.0.1:8123");
        assertThat(config.clickHouse().database()).isEqualTo("clickmap");
        assertThat(config.environmentsFromTable()).isTrue();
        assertThat(config.clickHouse().clustered()).as("one server unless a cluster is named").isFalse();
    }

    @Test
    void anEnvironmentVariableWinsOverTheFileWhichWinsOverTheDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ingest.properties");
        Files.writeString(file, "kafka.topic=from_file\nkafka.group=file-group\ningest.environments=1:phc_a, 2:phc_b\n");

        IngestConfig config = IngestConfig.load(file, Map.of("KAFKA_TOPIC", "from_env"));

        assertThat(config.topic()).isEqualTo("from_env");
        assertThat(config.group()).isEqualTo("file-group");
        assertThat(config.environments()).isEqualTo(Map.of(1L, "phc_a", 2L, "phc_b"));
    }

    @Test
    void aBadNumberNamesTheSettingAndItsRange() {
        assertThatThrownBy(() -> IngestConfig.load(null, Map.of("INGEST_BATCH_ROWS", "lots")))
                .hasMessage("ingest.batch-rows (INGEST_BATCH_ROWS) must be an integer from 1 to 1000000, not 'lots'");
    }

    @Test
    void aClusterIsNamedAsClickHouseNamesIt() {
        assertThat(IngestConfig.load(null, Map.of("CLICKHOUSE_CLUSTER", "shop_cluster")).clickHouse().cluster()).isEqualTo("shop_cluster");
        assertThatThrownBy(() -> IngestConfig.load(null, Map.of("CLICKHOUSE_CLUSTER", "shop cluster")))
                .hasMessageContaining("remote_servers").hasMessageContaining("'shop cluster'");
    }

    @Test
    void theDeadLetterTopicMustNotBeTheInputTopic() {
        assertThatThrownBy(() -> IngestConfig.load(null, Map.of("KAFKA_DEAD_LETTER_TOPIC", "clickmap_events")))
                .hasMessageContaining("must differ from kafka.topic");
    }

    @Test
    void badEnvironmentEntriesAreRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> IngestConfig.load(null, Map.of("INGEST_ENVIRONMENTS", "one:phc_a")))
                .hasMessageContaining("entries are id:token");
        assertThatThrownBy(() -> IngestConfig.load(null, Map.of("INGEST_ENVIRONMENTS", "", "INGEST_ENVIRONMENTS_FROM_TABLE", "false")))
                .hasMessageContaining("no environment could ever be accepted");
    }

    @Test
    void aClickHouseUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> IngestConfig.load(null, Map.of("CLICKHOUSE_URL", "localhost:8123")))
                .hasMessageContaining("ClickHouse URL must be http(s)://host:port");
    }
}
