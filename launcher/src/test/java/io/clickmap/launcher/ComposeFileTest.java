package io.clickmap.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The operators' docker-compose.yml: the services the issue asks for, each variable documented, and valid where Compose exists. */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaClickHouseTwoIngestReplicasAndTheStatsApiRunWithHealthChecks() throws IOException {
        Map<String, Object> services = services();

        assertThat(services).containsOnlyKeys("kafka", "clickhouse", "ingest", "stats-api");
        assertThat((String) ((Map<String, Object>) services.get("kafka")).get("image")).startsWith("apache/kafka:");
        assertThat((String) ((Map<String, Object>) services.get("clickhouse")).get("image")).startsWith("clickhouse/clickhouse-server:");
        assertThat(((Map<String, Object>) ((Map<String, Object>) services.get("ingest")).get("deploy")).get("replicas").toString())
                .isEqualTo("${INGEST_REPLICAS:-2}");
        services.forEach((name, service) -> assertThat((Map<String, Object>) service).as(name).containsKey("healthcheck"));
        for (String built : List.of("ingest", "stats-api")) {
            Map<String, Object> build = (Map<String, Object>) ((Map<String, Object>) services.get(built)).get("build");
            assertThat(((Map<String, Object>) build.get("args")).get("MODULE")).isEqualTo(built);
        }
    }

    @Test
    void everyVariableTheComposeFileReadsIsDocumentedInTheReadme() throws IOException {
        Set<String> variables = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        String readme = Files.readString(ROOT.resolve("README.md"));

        assertThat(variables).isNotEmpty().allSatisfy(variable -> assertThat(readme).as(variable).contains("`" + variable + "`"));
    }

    @Test
    void composeAcceptsTheFileWhereTheComposeToolIsInstalled() throws Exception {
        Optional<List<String>> compose = composeCommand();
        if (compose.isEmpty()) {
            // no Compose tool on this machine: the structural checks above are what can run here
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(compose.get()).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("CLICKMAP_BOOTSTRAP_API_KEY", "a-test-key-of-enough-length");
        Process config = builder.start();
        String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(output).isZero();
    }

    /** {@code docker compose} (v2) or {@code docker-compose} (v1), whichever answers {@code version}. */
    private static Optional<List<String>> composeCommand() {
        Map<List<String>, List<String>> probes = Map.of(
                List.of("docker", "compose", "version"), List.of("docker", "compose", "config", "-q"),
                List.of("docker-compose", "version"), List.of("docker-compose", "config", "-q"));
        for (Map.Entry<List<String>, List<String>> probe : probes.entrySet()) {
            try {
                Process version = new ProcessBuilder(probe.getKey()).redirectErrorStream(true).start();
                version.getInputStream().readAllBytes();
                if (version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0) {
                    return Optional.of(probe.getValue());
                }
            } catch (IOException e) {
                // not installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.empty();
    }
}
