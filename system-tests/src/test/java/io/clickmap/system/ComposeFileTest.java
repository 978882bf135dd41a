package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.clickmap.api.StatsApiMain;
import io.clickmap.capture.config.CaptureConfig;
import io.clickmap.ingest.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * The operators' docker-compose.yml, checked without Docker Compose against what it deploys: each service has
 * an image or builds a module's shaded jar the way the Dockerfile expects, health checks and published ports
 * name the port the service listens on, dependencies exist and wait until healthy, the services are given only
 * variables they read, named volumes are declared, and README's docker-compose table says what the file does.
 * Where Compose is installed, {@link #composeAcceptsTheFileAndPassesVariablesThrough} also runs it.
 *
 * <p>The services' settings come from their classes ({@code Setting}, {@code StatsApiMain.SETTINGS}, {@code CaptureConfig}) and from
 * {@code application.yml} and the modules' poms as text.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("kafka", "clickhouse", "ingest", "stats-api", "capture");
    /** The clickhouse/clickhouse-server image's HTTP port (its config.xml; this file mounts no other config). */
    private static final int CLICKHOUSE_IMAGE_HTTP_PORT = 8123;
    /** Where the clickhouse/clickhouse-server image keeps its data. */
    private static final String CLICKHOUSE_IMAGE_DATA = "/var/lib/clickhouse";
    /** The image's variable for the JVM's options (Dockerfile, ENTRYPOINT), read by both built services. */
    private static final String JAVA_OPTS = "JAVA_OPTS";
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final Pattern LOCAL_ADDRESS = Pattern.compile("(?:localhost|127\\.0\\.0\\.1|\\[::1]):(\\d+)");
    private static final Pattern PORT_MAPPING = Pattern.compile("(?:(\\d+|\\$\\{[A-Z0-9_]+:-\\d+})(?::))?(\\d+)(?:/(?:tcp|udp))?");
    private static final Pattern LISTENER = Pattern.compile("([A-Z_]+)://([^:,]*):([^,]+)");
    private static final String SERVICE_DEFAULT = "the service's default";

    // ---- the services and how they are built -------------------------------------------------------------

    @Test
    void kafkaClickHouseIngestAndTheStatsApiEachHaveAnImageOrABuild() {
        assertThat(services()).containsOnlyKeys(SERVICES);
        for (String name : SERVICES) {
            Map<String, Object> service = service(name);
            assertThat(service.containsKey("image") || service.containsKey("build")).as(name + " has an image or a build").isTrue();
            if (!service.containsKey("build")) {
                // a pulled image: pinned to a version, so an upgrade is a change to this file
                assertThat((String) service.get("image")).as(name + " image").matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
            }
        }
        assertThat(service("kafka").get("image")).asString().startsWith("apache/kafka:");
        assertThat(service("clickhouse").get("image")).asString().startsWith("clickhouse/clickhouse-server:");
        assertThat(map(service("ingest").get("deploy")).get("replicas")).isEqualTo("${INGEST_REPLICAS:-2}");
    }

    @Test
    void theBuiltServicesBuildTheShadedJarOfTheirModuleWhereTheDockerfileCopiesItFrom() throws Exception {
        String dockerfile = text("Dockerfile");
        assertThat(dockerfile).containsPattern("(?m)^ARG MODULE$");
        // COPY --from=build /src/${MODULE}/target/clickmap-${MODULE}.jar /app/clickmap.jar, after WORKDIR /src and COPY . .
        Matcher copy = Pattern.compile("(?m)^COPY --from=build /src/(\\S*\\$\\{MODULE}\\S*) /app/clickmap\\.jar$").matcher(dockerfile);
        assertThat(copy.find()).as("the Dockerfile copies the module's jar from the build stage").isTrue();
        assertThat(dockerfile).containsPattern("(?m)^WORKDIR /src$").containsPattern("(?m)^COPY \\. \\.$");
        String jarInTheBuild = copy.group(1);
        String rootPom = text("pom.xml");

        List<String> built = new ArrayList<>();
        for (String name : SERVICES) {
            Object build = service(name).get("build");
            if (build == null) {
                continue;
            }
            built.add(name);
            Map<String, Object> buildMap = map(build);
            assertThat(buildMap.get("context")).as(name + " build context").isEqualTo(".");
            assertThat(buildMap.get("dockerfile")).as(name + " uses the repository's Dockerfile").isIn(null, "Dockerfile");
            String module = (String) map(buildMap.get("args")).get("MODULE");
            assertThat(module).as(name + " build arg MODULE").isEqualTo(name);
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as(name + " module").isRegularFile();
            assertThat(rootPom).as("the parent pom builds " + module).contains("<module>" + module + "</module>");

            String shaded = shadedJar(ROOT.resolve(module).resolve("pom.xml"))
                    .replace("${project.build.directory}", module + "/target");
            assertThat(shaded).as(module + "'s shaded jar, where the Dockerfile looks for it").isEqualTo(jarInTheBuild.replace("${MODULE}", module));
        }
        assertThat(built).containsExactlyInAnyOrder("ingest", "stats-api", "capture");
    }

    // ---- ports, health checks, dependencies --------------------------------------------------------------

    @Test
    void everyHealthCheckProbesThePortItsServiceListensOn() {
        for (String name : SERVICES) {
            Map<String, Object> healthcheck = map(service(name).get("healthcheck"));
            assertThat(healthcheck).as(name + " health check").isNotNull().containsKey("test");
            Object test = healthcheck.get("test");
            String command = test instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(" ")) : (String) test;
            if (test instanceof List<?> list) {
                assertThat(list.get(0)).as(name + " health check form").isIn("CMD", "CMD-SHELL");
            }
            Set<Integer> probed = new TreeSet<>();
            Matcher address = LOCAL_ADDRESS.matcher(command);
            while (address.find()) {
                probed.add(Integer.parseInt(address.group(1)));
            }
            assertThat(probed).as(name + " health check " + command).isNotEmpty().isSubsetOf(listeningPorts(name));
        }
    }

    @Test
    void publishedPortsAreWellFormedAndReachThePortTheServiceListensOn() {
        Map<Integer, String> hostPorts = new TreeMap<>();
        int published = 0;
        for (String name : SERVICES) {
            Object ports = service(name).get("ports");
            if (ports == null) {
                continue;
            }
            for (Object port : (List<?>) ports) {
                assertThat(port).as(name + " port, short syntax \"host:container\"").isInstanceOf(String.class);
                Matcher mapping = PORT_MAPPING.matcher((String) port);
                assertThat(mapping.matches()).as(name + " port " + port).isTrue();
                assertThat(mapping.group(1)).as(name + " port " + port + " names its host port").isNotNull();
                int host = Integer.parseInt(withDefaults(mapping.group(1)));
                int container = Integer.parseInt(mapping.group(2));
                assertThat(host).as(name + " host port").isBetween(1, 65535);
                assertThat(container).as(name + " container port").isIn(listeningPorts(name));
                assertThat(hostPorts.put(host, name)).as("host port " + host + " published twice").isNull();
                published++;
            }
            Object replicas = map(service(name).getOrDefault("deploy", Map.of())).get("replicas");
            if (replicas != null) {
                assertThat(Integer.parseInt(withDefaults(replicas.toString()))).as(name + " has replicas, so it cannot publish a host port")
                        .isEqualTo(1);
            }
        }
        assertThat(published).as("ports published").isPositive();
    }

    @Test
    void kafkaAdvertisesEachListenerWhereItsClientsReachIt() {
        Map<String, Listener> listeners = listeners("KAFKA_LISTENERS");
        Map<String, Listener> advertised = listeners("KAFKA_ADVERTISED_LISTENERS");
        // the host listener: published on the host port it advertises, so producers outside compose can connect
        for (Object port : (List<?>) service("kafka").get("ports")) {
            Matcher mapping = PORT_MAPPING.matcher((String) port);
            assertThat(mapping.matches()).isTrue();
            String listener = listenerOn(listeners, mapping.group(2));
            assertThat(advertised.get(listener)).as("advertised " + listener).isEqualTo(new Listener("localhost", mapping.group(1)));
        }
        // the services' listener: advertised under the service's name and the port they connect to
        String bootstrap = environment("ingest").get("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(bootstrap).matches("kafka:\\d+");
        String listener = listenerOn(listeners, bootstrap.substring("kafka:".length()));
        assertThat(advertised.get(listener)).as("advertised " + listener).extracting(Listener::address).isEqualTo(bootstrap);
    }

    @Test
    void aServiceThatConnectsToAnotherConnectsToItsPortAndWaitsUntilItIsHealthy() {
        int connections = 0;
        for (String name : SERVICES) {
            Object declared = service(name).getOrDefault("depends_on", Map.of());
            assertThat(declared).as(name + " depends_on, long syntax with a condition").isInstanceOf(Map.class);
            Map<String, Object> dependsOn = map(declared);
            dependsOn.forEach((target, condition) -> {
                assertThat(SERVICES).as(name + " depends on").contains(target);
                assertThat(target).as(name + " depends on itself").isNotEqualTo(name);
                assertThat(map(condition)).as(name + " → " + target).containsEntry("condition", "service_healthy");
                assertThat(service(target)).as(target + ", waited for by " + name).containsKey("healthcheck");
            });
            for (Map.Entry<String, String> variable : environment(name).entrySet()) {
                for (String other : SERVICES) {
                    Matcher address = Pattern.compile("(?:^|[/@,])" + Pattern.quote(other) + ":(\\d+)").matcher(String.valueOf(variable.getValue()));
                    while (address.find() && !other.equals(name)) {
                        connections++;
                        assertThat(Integer.parseInt(address.group(1))).as(name + " " + variable.getKey()).isIn(listeningPorts(other));
                        assertThat(dependsOn).as(name + " connects to " + other + " (" + variable.getKey() + ")").containsKey(other);
                    }
                }
            }
        }
        assertThat(connections).as("connections between the services").isGreaterThanOrEqualTo(3);
    }

    @Test
    void theServicesLogInToClickHouseWithTheAccountTheClickHouseContainerCreates() {
        Map<String, String> clickhouse = environment("clickhouse");
        for (String name : List.of("ingest", "stats-api", "capture")) {
            assertThat(environment(name).get("CLICKHOUSE_USER")).as(name).isEqualTo(clickhouse.get("CLICKHOUSE_USER")).isNotNull();
            assertThat(environment(name).get("CLICKHOUSE_PASSWORD")).as(name).isEqualTo(clickhouse.get("CLICKHOUSE_PASSWORD")).isNotNull();
        }
    }

    @Test
    void volumesNamedByTheServicesAreDeclaredAndHoldKafkasAndClickHousesData() {
        Set<String> declared = map(compose().get("volumes")).keySet();
        Set<String> used = new TreeSet<>();
        Map<String, Set<String>> mounted = new TreeMap<>();
        for (String name : SERVICES) {
            for (Object volume : (List<?>) service(name).getOrDefault("volumes", List.of())) {
                String[] parts = ((String) volume).split(":");
                assertThat(parts.length).as(name + " volume " + volume).isBetween(2, 3);
                mounted.computeIfAbsent(name, n -> new TreeSet<>()).add(parts[1]);
                if (!parts[0].startsWith("/") && !parts[0].startsWith(".") && !parts[0].startsWith("~")) {
                    used.add(parts[0]);
                }
            }
        }
        assertThat(declared).as("declared volumes").containsAll(used);
        assertThat(used).as("volumes the services use").containsAll(declared);
        assertThat(mounted.get("kafka")).as("kafka's log dirs on a volume").contains(environment("kafka").get("KAFKA_LOG_DIRS"));
        assertThat(mounted.get("clickhouse")).as("clickhouse's data on a volume").contains(CLICKHOUSE_IMAGE_DATA)
                .noneMatch(target -> target.startsWith("/etc/clickhouse-server"));
    }

    // ---- variables -----------------------------------------------------------------------------------------

    @Test
    void ingestIsGivenOnlyVariablesItReads() {
        Set<String> reads = new TreeSet<>(ingestDefaults().keySet());
        reads.add(JAVA_OPTS);
        assertThat(reads).as("Setting's variables").contains("KAFKA_TOPIC", "INGEST_STATUS_PORT");
        assertThat(environment("ingest").keySet()).as("variables given to ingest: Setting's names, or JAVA_OPTS").isNotEmpty().isSubsetOf(reads);
        assertThat(text("Dockerfile")).as("the image reads JAVA_OPTS").contains("$JAVA_OPTS");
    }

    @Test
    void theMicronautServicesAreGivenOnlyVariablesTheyRead() {
        assertThat(MicronautService.STATS_API.components()).as("the stats API's settings records' components").contains("clickhouseUrl", "apiKeyCacheTtl");
        assertThat(MicronautService.STATS_API.ymlVariables().keySet()).as("application.yml, as parsed here").contains("PORT", "CLICKHOUSE_URL");
        assertThat(MicronautService.STATS_API.component("CLICKMAP_API_KEY_CACHE_TTL")).isEqualTo("apiKeyCacheTtl");
        assertThat(MicronautService.CAPTURE.component("CAPTURE_KAFKA_TIMEOUT")).isEqualTo("kafkaTimeout");

        for (MicronautService service : List.of(MicronautService.STATS_API, MicronautService.CAPTURE)) {
            for (String variable : environment(service.module()).keySet()) {
                assertThat(variable.equals(JAVA_OPTS) || service.reads(variable))
                        .as("%s reads %s (application.yml, or %s_X_Y → %s.x-y of %s)", service.module(), variable, service.prefix().toUpperCase(),
                                service.prefix(), service.configs().stream().map(Class::getSimpleName).toList())
                        .isTrue();
            }
        }
    }

    @Test
    void aVariablePassedThroughToSeveralServicesHasTheSameDefaultInEach() {
        Map<String, Map<String, String>> passedThrough = new TreeMap<>();
        for (String service : List.of("ingest", "stats-api", "capture")) {
            environment(service).forEach((variable, value) -> {
                if (value == null) {
                    passedThrough.computeIfAbsent(variable, v -> new TreeMap<>()).put(service, serviceDefault(service, variable));
                }
            });
        }
        passedThrough.values().removeIf(services -> services.size() < 2);
        assertThat(passedThrough).as("passed through to several services").containsKeys("CLICKHOUSE_DATABASE", "KAFKA_TOPIC");
        passedThrough.forEach((variable, defaults) -> assertThat(Set.copyOf(defaults.values())).as(variable + " in " + defaults).hasSize(1));
    }

    @Test
    void aVariableUsedInSeveralPlacesHasOneDefaultEverywhere() {
        Map<String, Set<String>> forms = new TreeMap<>();
        for (String value : interpolatedValues()) {
            Matcher matcher = INTERPOLATION.matcher(value);
            while (matcher.find()) {
                forms.computeIfAbsent(matcher.group(1), v -> new TreeSet<>()).add(String.valueOf(matcher.group(2)) + String.valueOf(matcher.group(3)));
            }
        }
        assertThat(forms).as("interpolated variables").containsKeys("CLICKHOUSE_USER", "KAFKA_HOST_PORT");
        forms.forEach((variable, uses) -> assertThat(uses).as(variable).hasSize(1));
    }

    @Test
    void theReadmesDockerComposeTableListsEveryVariableWithTheFilesDefault() {
        Map<String, String> documented = readmeComposeTable();
        Map<String, String> expected = new TreeMap<>();
        for (String value : interpolatedValues()) {
            Matcher matcher = INTERPOLATION.matcher(value);
            while (matcher.find()) {
                String modifier = matcher.group(2);
                assertThat(modifier).as(matcher.group() + ": a default (:-) or required (:?)").isIn(":-", ":?");
                expected.put(matcher.group(1), modifier.equals(":?") ? "(required)" : matcher.group(3));
            }
        }
        for (String name : SERVICES) {
            environment(name).forEach((variable, value) -> {
                if (value == null) {
                    assertThat(expected.put(variable, SERVICE_DEFAULT)).as(variable + " both passed through and interpolated").isIn(null, SERVICE_DEFAULT);
                }
            });
        }
        assertThat(expected).as("variables in docker-compose.yml").containsKeys("CLICKMAP_BOOTSTRAP_API_KEY", "KAFKA_TOPIC");
        assertThat(documented).as("README's docker-compose table").isEqualTo(expected);
    }

    @Test
    void theJavaOptionsDefaultIsTheImagesOwn() {
        Matcher image = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"$").matcher(text("Dockerfile"));
        assertThat(image.find()).as("the Dockerfile's ENV JAVA_OPTS").isTrue();
        for (String name : List.of("ingest", "stats-api", "capture")) {
            assertThat(withDefaults(environment(name).get(JAVA_OPTS))).as(name + " JAVA_OPTS").isEqualTo(image.group(1));
        }
    }

    // ---- Compose itself, where it is installed -------------------------------------------------------------

    @Test
    void composeAcceptsTheFileAndPassesVariablesThrough() throws Exception {
        Optional<List<String>> compose = composeCommand();
        Assumptions.assumeThat(compose).as("Docker Compose (docker compose or docker-compose) is installed").isPresent();

        // without the bootstrap key: refused, naming it
        Run refused = run(compose.get(), Map.of(), true, "config", "-q");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("CLICKMAP_BOOTSTRAP_API_KEY");

        Run quiet = run(compose.get(), Map.of("CLICKMAP_BOOTSTRAP_API_KEY", "a-test-key-of-enough-length"), true, "config", "-q");
        assertThat(quiet.exitCode()).as(quiet.output()).isZero();

        // a pass-through variable: the caller's value when set, unset otherwise
        Run resolved = run(compose.get(), Map.of("CLICKMAP_BOOTSTRAP_API_KEY", "a-test-key-of-enough-length", "KAFKA_TOPIC", "from_the_caller"),
                false, "config");
        assertThat(resolved.exitCode()).as(resolved.output()).isZero();
        Map<String, Object> config = new Yaml().load(resolved.output());
        Map<String, Object> ingest = map(map(config.get("services")).get("ingest"));
        Map<String, Object> environment = map(ingest.get("environment"));
        assertThat(environment).containsEntry("KAFKA_TOPIC", "from_the_caller");
        assertThat(environment.get("INGEST_BATCH_ROWS")).as("INGEST_BATCH_ROWS, not set by the caller").isNull();
    }

    record Run(int exitCode, String output) {}

    /** Compose with only {@code variables} set of the ones the file reads, and no .env file; stdout (and stderr if merged). */
    static Run run(List<String> compose, Map<String, String> variables, boolean mergeErrors, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("--env-file", "/dev/null"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        if (mergeErrors) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CLICKMAP_") || name.startsWith("KAFKA_") || name.startsWith("INGEST_")
                || name.startsWith("CLICKHOUSE_") || name.startsWith("STATS_API_"));
        environment.putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** {@code docker compose} (v2) or {@code docker-compose} (v1), whichever answers {@code version}. */
    static Optional<List<String>> composeCommand() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.empty();
    }

    // ---- reading the compose file --------------------------------------------------------------------------

    private static Map<String, Object> compose() {
        return new Yaml().load(text("docker-compose.yml"));
    }

    private static Map<String, Object> services() {
        return map(compose().get("services"));
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    /** A service's environment, map or list form; a variable passed through (no value) maps to null. */
    private static Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> variables.put((String) key, value == null ? null : value.toString()));
        } else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] parts = entry.toString().split("=", 2);
                variables.put(parts[0], parts.length == 2 ? parts[1] : null);
            }
        }
        return variables;
    }

    /** Every string value of the file (keys carry no variables). */
    private static List<String> interpolatedValues() {
        List<String> values = new ArrayList<>();
        collect(compose(), values);
        return values;
    }

    private static void collect(Object node, List<String> values) {
        if (node instanceof Map<?, ?> entries) {
            entries.values().forEach(value -> collect(value, values));
        } else if (node instanceof List<?> entries) {
            entries.forEach(value -> collect(value, values));
        } else if (node != null) {
            values.add(node.toString());
        }
    }

    /** The value Compose gives {@code text} when none of its variables is set. */
    private static String withDefaults(String text) {
        return INTERPOLATION.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(2) != null && match.group(2).endsWith("-")
                ? match.group(3) : fail("no default in " + text)));
    }

    /** One of Kafka's listeners: host and port as the file writes them (the port may be a ${...}). */
    private record Listener(String host, String port) {
        String address() {
            return host + ":" + port;
        }
    }

    /** Kafka's listeners (KAFKA_LISTENERS or KAFKA_ADVERTISED_LISTENERS), by name. */
    private static Map<String, Listener> listeners(String variable) {
        Map<String, Listener> listeners = new TreeMap<>();
        Matcher matcher = LISTENER.matcher(environment("kafka").get(variable));
        while (matcher.find()) {
            listeners.put(matcher.group(1), new Listener(matcher.group(2), matcher.group(3)));
        }
        assertThat(listeners).as(variable).isNotEmpty();
        return listeners;
    }

    private static String listenerOn(Map<String, Listener> listeners, String port) {
        return listeners.entrySet().stream().filter(listener -> withDefaults(listener.getValue().port()).equals(port)).map(Map.Entry::getKey)
                .findFirst().orElseGet(() -> fail("no Kafka listener on port " + port + ": " + listeners));
    }

    /** The ports a service listens on, from its configuration in this file or, where it sets none, its default. */
    private static Set<Integer> listeningPorts(String name) {
        return switch (name) {
            case "kafka" -> listeners("KAFKA_LISTENERS").values().stream()
                    .map(listener -> Integer.parseInt(withDefaults(listener.port())))
                    .collect(Collectors.toCollection(TreeSet::new));
            case "clickhouse" -> Set.of(CLICKHOUSE_IMAGE_HTTP_PORT);
            case "ingest" -> Set.of(Integer.parseInt(setOrDefault(environment("ingest").get("INGEST_STATUS_PORT"),
                    ingestDefaults().get("INGEST_STATUS_PORT"))));
            case "stats-api", "capture" -> Set.of(Integer.parseInt(setOrDefault(environment(name).get("PORT"),
                    MicronautService.named(name).ymlVariables().get("PORT"))));
            default -> fail("unknown service " + name);
        };
    }

    private static String setOrDefault(String value, String serviceDefault) {
        return value == null ? serviceDefault : withDefaults(value);
    }

    // ---- reading the services' sources ---------------------------------------------------------------------

    /** Ingest's settings: environment variable → default. */
    private static Map<String, String> ingestDefaults() {
        return Arrays.stream(Setting.values()).collect(Collectors.toMap(Setting::environmentVariable, Setting::defaultValue, (a, b) -> a, TreeMap::new));
    }

    /**
     * A Micronaut service: its settings record, the prefix they sit under, and its application.yml, which maps
     * operators' variables onto them (the rest follow Micronaut's {@code PREFIX_X_Y} → {@code prefix.x-y}).
     */
    private record MicronautService(String module, List<Class<? extends Record>> configs, String prefix) {
        static final MicronautService STATS_API = new MicronautService("stats-api", StatsApiMain.SETTINGS, "clickmap");
        static final MicronautService CAPTURE = new MicronautService("capture", List.of(CaptureConfig.class), "capture");

        static MicronautService named(String name) {
            return Stream.of(STATS_API, CAPTURE).filter(service -> service.module.equals(name)).findFirst().orElse(null);
        }

        private Map<String, Object> applicationYml() {
            return new Yaml().load(text(module + "/src/main/resources/application.yml"));
        }

        /** The environment variables application.yml maps, with the default it gives them there (often empty). */
        Map<String, String> ymlVariables() {
            List<String> values = new ArrayList<>();
            collect(applicationYml(), values);
            Map<String, String> variables = new TreeMap<>();
            for (String value : values) {
                Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}").matcher(value);
                while (matcher.find()) {
                    variables.put(matcher.group(1), matcher.group(2));
                }
            }
            return variables;
        }

        /** application.yml's {@code prefix.x-y: ${VARIABLE:}} lines: variable → the property it sets. */
        private Map<String, String> ymlProperties() {
            Map<String, String> properties = new TreeMap<>();
            map(applicationYml().get(prefix)).forEach((property, value) -> {
                Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):").matcher(String.valueOf(value));
                if (matcher.find()) {
                    properties.put(matcher.group(1), property);
                }
            });
            return properties;
        }

        Set<String> components() {
            return configs.stream().flatMap(config -> Arrays.stream(config.getRecordComponents())).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        /** Whether the service reads the variable: through application.yml, or as Micronaut maps PREFIX_X_Y onto a component. */
        boolean reads(String variable) {
            return ymlVariables().containsKey(variable)
                    || variable.startsWith(prefix.toUpperCase() + "_") && components().contains(component(variable));
        }

        /** Micronaut's mapping of an environment variable onto a component: CLICKMAP_API_KEY_CACHE_TTL → apiKeyCacheTtl. */
        String component(String variable) {
            String[] words = variable.substring(prefix.length() + 1).toLowerCase().split("_");
            StringBuilder component = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                component.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return component.toString();
        }

        /** The default for what {@code variable} sets: that component of the settings record given nothing. */
        String defaultOf(String variable) {
            String property = ymlProperties().get(variable);
            String component = component(property != null ? prefix.toUpperCase() + "_" + property.replace('-', '_').toUpperCase() : variable);
            Class<? extends Record> config = configs.stream()
                    .filter(candidate -> Arrays.stream(candidate.getRecordComponents()).anyMatch(read -> read.getName().equals(component)))
                    .findFirst().orElseGet(() -> fail(module + "'s settings have no component " + component + " for " + variable));
            try {
                RecordComponent[] components = config.getRecordComponents();
                Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
                Object unset = config.getDeclaredConstructor(types).newInstance(new Object[components.length]);
                RecordComponent read = Arrays.stream(components).filter(candidate -> candidate.getName().equals(component)).findFirst().orElseThrow();
                return String.valueOf(read.getAccessor().invoke(unset));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot build " + config.getSimpleName() + " with nothing set", e);
            }
        }
    }

    /** A service's own default for a variable it reads: Setting's for ingest, the settings record's for the others. */
    private static String serviceDefault(String service, String variable) {
        return service.equals("ingest") ? ingestDefaults().get(variable) : MicronautService.named(service).defaultOf(variable);
    }

    /** The output file of a module's maven-shade-plugin execution. */
    private static String shadedJar(Path pom) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList outputs = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("/project/build/plugins/plugin[artifactId='maven-shade-plugin']//configuration/outputFile", document, XPathConstants.NODESET);
        assertThat(outputs.getLength()).as(pom + ": the shade plugin's outputFile").isEqualTo(1);
        return outputs.item(0).getTextContent().strip();
    }

    // ---- reading README.md ---------------------------------------------------------------------------------

    /**
     * README's docker-compose table: variable → default as the file gives it ("(required)", "" for "empty", or
     * {@value #SERVICE_DEFAULT} for one passed through). A row may list several variables, "A / B" with "a / b".
     */
    private static Map<String, String> readmeComposeTable() {
        String readme = text("README.md");
        int section = readme.indexOf("**docker-compose**");
        assertThat(section).as("README's docker-compose table").isNotNegative();
        List<String> rows = readme.substring(section).lines().dropWhile(line -> !line.startsWith("|")).takeWhile(line -> line.startsWith("|"))
                .skip(2).toList();
        Map<String, String> documented = new TreeMap<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertThat(cells).as(row).hasSize(4);
            List<String> variables = List.of(cells[1].strip().split(" / "));
            String defaults = cells[2].strip();
            List<String> values;
            if (defaults.startsWith(SERVICE_DEFAULT)) {
                values = variables.stream().map(v -> SERVICE_DEFAULT).toList();
            } else {
                values = List.of(defaults.split(" / "));
                if (values.size() == 1) {
                    values = variables.stream().map(v -> defaults).toList();
                }
            }
            assertThat(values).as(row + ": one default per variable").hasSameSizeAs(variables);
            for (int i = 0; i < variables.size(); i++) {
                String variable = variables.get(i);
                assertThat(variable).as(row).matches("`[A-Z0-9_]+`");
                String value = values.get(i);
                value = value.equals("empty") ? "" : value.matches("`[^`]*`") ? value.substring(1, value.length() - 1) : value;
                assertThat(documented.put(variable.substring(1, variable.length() - 1), value)).as(variable + " documented twice").isNull();
            }
        }
        return documented;
    }

    // ---- small things --------------------------------------------------------------------------------------

    private static String text(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> modules() {
        try (var entries = Files.list(ROOT)) {
            return entries.filter(directory -> Files.isRegularFile(directory.resolve("pom.xml"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }
}
