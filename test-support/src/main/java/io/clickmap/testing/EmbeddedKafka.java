package io.clickmap.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import io.clickmap.local.Ports;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production Kafka broker (KRaft, combined broker and controller) inside the test JVM, as
 * docs/architecture.md describes. Only KafkaRaftServer and StorageTool's formatting touch Kafka's internal classes.
 */
final class EmbeddedKafka implements KafkaBroker {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path logDir;
    private final int brokerPort;
    private final KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int brokerPort, int controllerPort) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        // capture's transactions: the default 50 partitions take seconds to create on a fresh broker
        props.put("transaction.state.log.num.partitions", "2");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", "8388608");
        props.put("num.partitions", "1");
        format(props);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    static EmbeddedKafka launch() {
        for (int attempt = 1; ; attempt++) {
            Path logDir = null;
            try {
                logDir = Files.createTempDirectory("clickmap-kafka-");
                EmbeddedKafka kafka = new EmbeddedKafka(logDir, Ports.free(), Ports.free());
                LOG.info("Kafka broker (KRaft, in this JVM) ready at {}", kafka.bootstrapServers());
                return kafka;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                // Most likely a port taken between choosing and binding; one more try with new ports.
                TempDirs.delete(logDir);
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        TempDirs.delete(logDir);
    }

    private void format(Properties props) {
        Path propsFile = logDir.resolveSibling(logDir.getFileName() + ".properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (OutputStream out = Files.newOutputStream(propsFile); PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            props.store(out, "clickmap test broker");
            out.close();
            int code = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString()}, print);
            if (code != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(propsFile);
            } catch (IOException ignored) {
                // a leftover properties file in the temp dir is harmless
            }
        }
    }
}
