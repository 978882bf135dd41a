package io.clickmap.launcher;

import com.clickhouse.client.api.Client;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.clickmap.local.ClickHouseProcess;
import io.clickmap.local.KafkaBrokerProcess;
import io.clickmap.local.Ports;
import io.clickmap.local.WatchedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clickmap on one machine: ClickHouse (Debian's binary) and a Kafka broker as processes keeping their
 * data under the home folder, the schema migrated, then stats-api (which creates environment 1 and
 * the local API key), capture and ingest as processes of their own, from their packaged jars. Closing stops them in reverse order, so
 * ingest can still store what it holds. Every process dies with this JVM, even on SIGKILL.
 */
final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    public static final String TOPIC = "clickmap_events";
    public static final String DATABASE = "clickmap";
    public static final long ENVIRONMENT = 1;
    public static final String TOKEN = "phc_clickmap_local";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final LauncherConfig config;
    private final Path repository;
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private String apiKey;
    private Path captureLog;
    private ClickHouseProcess clickHouse;
    private KafkaBrokerProcess kafka;

    private LocalStack(LauncherConfig config, Path repository) {
        this.config = config;
        this.repository = repository;
    }

    /** @param repository the repository's folder: the services' jars and the demo page's SDK are found there */
    public static LocalStack start(LauncherConfig config, Path repository) {
        LocalStack stack = new LocalStack(config, repository);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Ports.requireFree(config.clickHousePort(), "ClickHouse's HTTP interface", "--clickhouse-port");
        Ports.requireFree(config.clickHousePort() + 1, "ClickHouse's native protocol (the HTTP port + 1)", "--clickhouse-port");
        Ports.requireFree(config.kafkaPort(), "Kafka", "--kafka-port");
        Ports.requireFree(config.kafkaPort() + 1, "Kafka's controller (the Kafka port + 1)", "--kafka-port");
        Ports.requireFree(config.apiPort(), "the stats API", "--api-port");
        Ports.requireFree(config.capturePort(), "capture (the pages' api_host)", "--capture-port");
        Ports.requireFree(config.pagePort(), "the demo page", "--page-port");
        Ports.requireFree(config.ingestPort(), "ingest's /health and /metrics", "--ingest-port");
        Path logs = directory("logs");
        ServiceJars jars = ServiceJars.inRepository(repository);
        apiKey = localApiKey();

        Path binary = ClickHouseProcess.findBinary().orElseThrow(() -> new IllegalStateException(
                "no clickhouse-server binary; bin/run installs Debian's package when run as root (apt-get install -y clickhouse-server)"));
        clickHouse = new ClickHouseProcess(binary, new ClickHouseProcess.Layout(directory("clickhouse"), logs.resolve("clickhouse"),
                config.clickHousePort(), config.clickHousePort() + 1), WatchedProcess.Ending.TERM);
        step("ClickHouse", () -> clickHouse.start(START_TIMEOUT), clickHouse::stop);
        try (Client client = ClickHouseClients.create(clickHouseConfig())) {
            Migrations.apply(new ClickHouseSql(client), DATABASE);
        }

        kafka = new KafkaBrokerProcess(directory("kafka"), config.kafkaPort(), config.kafkaPort() + 1, System.getProperty("java.class.path"));
        step("Kafka", () -> kafka.start(START_TIMEOUT), kafka::stop);
        createTopic();

        JavaService api = JavaService.start("stats-api", jars.statsApi(), Map.of(
                "PORT", String.valueOf(config.apiPort()),
                "CLICKHOUSE_URL", clickHouse.httpUrl(),
                "CLICKHOUSE_DATABASE", DATABASE,
                "CLICKMAP_BOOTSTRAP_API_KEY", apiKey,
                "CLICKMAP_BOOTSTRAP_ENVIRONMENT", ENVIRONMENT + ":Local:" + TOKEN), config.apiPort(), logs, START_TIMEOUT);
        stops.push(() -> api.stop(Duration.ofSeconds(15)));
        LOG.info("stats-api ready on port {} (log {})", config.apiPort(), api.log());

        // after the stats API, which stores environment 1 and its token: capture accepts the tokens the table knows
        JavaService capture = JavaService.start("capture", jars.capture(), Map.of(
                "PORT", String.valueOf(config.capturePort()),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KAFKA_TOPIC", TOPIC,
                "CLICKHOUSE_URL", clickHouse.httpUrl(),
                "CLICKHOUSE_DATABASE", DATABASE), config.capturePort(), logs, START_TIMEOUT);
        stops.push(() -> capture.stop(Duration.ofSeconds(15)));
        captureLog = capture.log();
        LOG.info("capture ready on port {} (log {})", config.capturePort(), capture.log());
        DemoPage page = DemoPage.serve(repository, config.pagePort(), TOKEN, captureUrl());
        stops.push(page::close);

        JavaService ingest = JavaService.start("ingest", jars.ingest(), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KAFKA_TOPIC", TOPIC,
                "CLICKHOUSE_URL", clickHouse.httpUrl(),
                "CLICKHOUSE_DATABASE", DATABASE,
                "INGEST_STATUS_PORT", String.valueOf(config.ingestPort())), config.ingestPort(), logs, START_TIMEOUT);
        stops.push(() -> {
            if (!ingest.stop(Duration.ofSeconds(15))) {
                LOG.warn("ingest did not stop cleanly; see {}", ingest.log());
            }
        });
        LOG.info("ingest ready, reading {} (log {})", TOPIC, ingest.log());
    }

    private void step(String what, Runnable start, Runnable stop) {
        long started = System.nanoTime();
        start.run();
        stops.push(stop);
        LOG.info("{} ready in {} ms", what, (System.nanoTime() - started) / 1_000_000);
    }

    /** The topic exists before anyone writes to it, with 4 partitions so several ingest instances could share it. */
    private void createTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + TOPIC, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The local key is kept in the home folder (readable by its owner only), so curls keep working across runs. */
    private String localApiKey() {
        Path file = config.home().resolve("api-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String key = "phx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Files.writeString(file, key + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local API key in " + file, e);
        }
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(config.home().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.home().resolve(name), e);
        }
    }

    public String apiKey() {
        return apiKey;
    }

    public String apiUrl() {
        return "http://localhost:" + config.apiPort();
    }

    public String captureUrl() {
        return "http://localhost:" + config.capturePort();
    }

    public String pageUrl() {
        return "http://localhost:" + config.pagePort();
    }

    Path captureLog() {
        return captureLog;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public ClickHouseConfig clickHouseConfig() {
        return new ClickHouseConfig(clickHouse.httpUrl(), DATABASE, "default", "");
    }

    /** Stops what was started, last first; safe to call twice. */
    @Override
    public synchronized void close() {
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                LOG.warn("Stopping a component failed: {}", e.getMessage());
            }
        }
    }
}
