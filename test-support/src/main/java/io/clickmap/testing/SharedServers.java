package io.clickmap.testing;

import io.clickmap.local.ClickHouseProcess;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * One ClickHouse server and one Kafka broker per test JVM, started on first use and stopped when the
 * JVM exits. Choice, in order: the environment variable ({@code CLICKHOUSE_URL},
 * {@code KAFKA_BOOTSTRAP_SERVERS}), Testcontainers when a Docker engine answers, else the local
 * binaries (ClickHouse as a child process, Kafka inside this JVM).
 */
public final class SharedServers {
    private static final Logger LOG = LoggerFactory.getLogger(SharedServers.class);
    private static ClickHouseServer clickHouse;
    private static KafkaBroker kafka;
    private static Boolean docker;

    private SharedServers() {
    }

    public static synchronized ClickHouseServer clickHouse() {
        if (clickHouse == null) {
            clickHouse = startClickHouse();
            closeOnExit(clickHouse);
        }
        return clickHouse;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = startKafka();
            closeOnExit(kafka);
        }
        return kafka;
    }

    private static ClickHouseServer startClickHouse() {
        String url = System.getenv("CLICKHOUSE_URL");
        if (url != null && !url.isBlank()) {
            LOG.info("ClickHouse: external server {}", url);
            return ExternalClickHouse.fromEnvironment(url);
        }
        if (dockerAvailable()) {
            LOG.info("ClickHouse: container {}", ContainerClickHouse.IMAGE);
            return new ContainerClickHouse();
        }
        Optional<Path> binary = ClickHouseProcess.findBinary();
        if (binary.isEmpty()) {
            throw new IllegalStateException("No ClickHouse for the tests: set CLICKHOUSE_URL, start a Docker engine, "
                    + "or install Debian's clickhouse-server (bin/test does that when run as root).");
        }
        return LocalClickHouse.launch(binary.get());
    }

    private static KafkaBroker startKafka() {
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap != null && !bootstrap.isBlank()) {
            LOG.info("Kafka: external broker {}", bootstrap);
            return new ExternalKafka(bootstrap);
        }
        if (dockerAvailable()) {
            LOG.info("Kafka: container apache/kafka:{}", AppInfoParser.getVersion());
            return new ContainerKafka(AppInfoParser.getVersion());
        }
        return EmbeddedKafka.launch();
    }

    private static boolean dockerAvailable() {
        if (docker == null) {
            docker = DockerClientFactory.instance().isDockerAvailable();
        }
        return docker;
    }

    private static void closeOnExit(AutoCloseable server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping " + server + " failed: " + e);
            }
        }, "stop-" + server.getClass().getSimpleName()));
    }
}
