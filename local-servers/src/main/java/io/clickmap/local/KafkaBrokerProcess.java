package io.clickmap.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Apache Kafka's own broker (KRaft, broker and controller in one) run as a separate JVM from jars on
 * the given classpath (docs/architecture.md, "ClickHouse and Kafka without Docker"): storage formatted once, then
 * started on the same directory every time. Stopped with SIGTERM, which Kafka handles cleanly.
 */
public final class KafkaBrokerProcess {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private WatchedProcess process;

    public KafkaBrokerProcess(Path dir, int port, int controllerPort, String classpath) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start(Duration timeout) {
        Path properties = writeProperties();
        Path logback = writeLogging();
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            format(properties);
        }
        process = WatchedProcess.start("kafka", List.of(java(), "-Xms128m", "-Xmx256m", "-Dlogback.configurationFile=" + logback,
                "-cp", classpath, "kafka.Kafka", properties.toString()), Map.of(), dir.resolve("kafka.log"), WatchedProcess.Ending.TERM);
        process.awaitReady(() -> Ports.answers(port), timeout, 100, "Kafka did not start on port " + port);
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    /** SIGKILL: a crash, nothing flushed or handed over; {@link #start} brings the broker back on the same data. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    private void format(Path properties) {
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile()));
        try {
            Process format = builder.start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka's storage failed; see " + dir.resolve("kafka.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Path writeProperties() {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=4",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=2",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // the default 128 MiB dedupe buffer does not fit the 256 MiB heap
                "log.cleaner.dedupe.buffer.size=8388608",
                "");
        return write("server.properties", properties);
    }

    private Path writeLogging() {
        return write("logback-kafka.xml", """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    private Path write(String name, String text) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
