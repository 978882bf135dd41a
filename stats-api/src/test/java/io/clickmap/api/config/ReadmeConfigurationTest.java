package io.clickmap.api.config;

import static io.clickmap.testing.MarkdownTable.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.StatsApiMain;
import io.clickmap.api.auth.AuthConfig;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.clickhouse.RowIds;
import io.clickmap.testing.MarkdownTable;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * stats-api/README.md's configuration table is the features' settings records ({@link StatsApiMain#SETTINGS}) and
 * application.yml: a row per setting, the variable that sets it (application.yml's, else Micronaut's
 * {@code CLICKMAP_X_Y} for {@code clickmap.x-y}), and the default, which is what its record makes of no value at all.
 * Its list of scopes is {@link Scopes#KNOWN}.
 */
class ReadmeConfigurationTest {
    private static final Path README = Path.of("README.md");
    private static final Path APPLICATION_YML = Path.of("src", "main", "resources", "application.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");
    private static final Pattern MEBIBYTES = Pattern.compile("(\\d+) MiB");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    // How the table says that a setting is unset (null) by default; what unset means differs by setting.
    private static final Set<String> UNSET = Set.of("none", "random per process");

    /** An environment variable that application.yml maps onto a setting, and the value it gives when unset. */
    private record Mapping(String variable, String fallback) {
    }

    @Test
    void theSettingsRecordsAreEveryConfigurationRecordOfTheService() throws IOException {
        Path classes = Path.of("target", "classes");
        Set<Class<?>> found = new HashSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    if (type.isRecord() && type.isAnnotationPresent(ConfigurationProperties.class)) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(StatsApiMain.SETTINGS);
    }

    @Test
    void everySettingOfTheRecordsAndOfApplicationYmlHasARow() throws IOException {
        Set<String> settings = new TreeSet<>(mappings().keySet());
        components().map(ReadmeConfigurationTest::setting).forEach(settings::add);

        assertThat(rows().keySet()).isEqualTo(settings);
    }

    @Test
    void eachRowNamesTheVariableThatSetsIt() throws IOException {
        Map<String, Mapping> mappings = mappings();

        rows().forEach((setting, row) -> {
            String expected = mappings.containsKey(setting)
                    ? mappings.get(setting).variable()
                    : setting.toUpperCase().replace('.', '_').replace('-', '_');
            assertThat(code(row.get("environment variable"))).as("variable of %s", setting).isEqualTo(expected);
        });
    }

    @Test
    void eachDefaultIsWhatStatsApiConfigMakesOfNoValue() throws Exception {
        Map<String, Map<String, String>> rows = rows();
        Map<String, Mapping> mappings = mappings();
        for (RecordComponent component : components().toList()) {
            String setting = setting(component);
            Object defaults = UnsetConfig.defaults(component.getDeclaringRecord().asSubclass(Record.class));
            assertThat(documented(rows.get(setting).get("default"), component)).as("default of %s", setting)
                    .isEqualTo(component.getAccessor().invoke(defaults));
            if (mappings.containsKey(setting)) {
                assertThat(mappings.get(setting).fallback()).as("application.yml must leave %s's default to its record", setting).isEmpty();
            }
        }
        mappings.forEach((setting, mapping) -> {
            if (!setting.startsWith("clickmap.")) {
                assertThat(code(rows.get(setting).get("default"))).as("default of %s", setting).isEqualTo(mapping.fallback());
            }
        });
    }

    @Test
    void theRangesInTheMeaningsAreTheStartUpChecks() throws IOException {
        Map<String, Map<String, String>> rows = rows();

        assertThat(rows.get("clickmap.api-key-cache-ttl").get("meaning")).endsWith("; 0–" + AuthConfig.MAX_API_KEY_CACHE_TTL.toMinutes() + " min");
        assertThat(rows.get("clickmap.writer-id").get("meaning")).startsWith("0–" + RowIds.MAX_WRITER + ",");
    }

    @Test
    void theScopesTheCliSectionListsAreTheKnownOnesInOrder() throws IOException {
        String readme = Files.readString(README);
        Matcher sentence = Pattern.compile("Scopes: (.*?) \\(all\\)\\.", Pattern.DOTALL).matcher(readme);
        assertThat(sentence.find()).as("the README's \"Scopes: … `*` (all).\"").isTrue();

        Matcher scope = Pattern.compile("`([^`]+)`").matcher(sentence.group(1));
        List<String> listed = new ArrayList<>();
        while (scope.find()) {
            listed.add(scope.group(1));
        }
        assertThat(listed).containsExactlyElementsOf(Scopes.KNOWN);
    }

    private static Stream<RecordComponent> components() {
        return StatsApiMain.SETTINGS.stream().flatMap(settings -> Arrays.stream(settings.getRecordComponents()));
    }

    private static Map<String, Map<String, String>> rows() throws IOException {
        MarkdownTable table = MarkdownTable.in(README, "## Configuration");
        assertThat(table.header()).containsExactly("setting", "environment variable", "default", "meaning");
        assertThat(table.rows().stream().map(row -> code(row.get("setting")))).doesNotContainNull().doesNotHaveDuplicates();
        return table.rows().stream().collect(Collectors.toMap(row -> code(row.get("setting")), row -> row, (a, b) -> a, TreeMap::new));
    }

    /** application.yml's placeholders by the setting they stand for: {@code clickmap.clickhouse-url → CLICKHOUSE_URL}. */
    private static Map<String, Mapping> mappings() throws IOException {
        Map<String, Mapping> mappings = new TreeMap<>();
        collect("", new Yaml().load(Files.readString(APPLICATION_YML)), mappings);
        assertThat(mappings).isNotEmpty();
        return mappings;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Object node, Map<String, Mapping> mappings) {
        if (node instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((key, value) -> collect(prefix + key + ".", value, mappings));
            return;
        }
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(node));
        if (placeholder.matches()) {
            mappings.put(prefix.substring(0, prefix.length() - 1), new Mapping(placeholder.group(1), placeholder.group(2)));
        }
    }

    /** {@code statsCacheTtl} → {@code clickmap.stats-cache-ttl}, as Micronaut binds it. */
    private static String setting(RecordComponent component) {
        return "clickmap." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The value a default cell stands for: {@code `code`} read as the setting's type, empty, N MiB, or unset. */
    private static Object documented(String cell, RecordComponent component) {
        if (UNSET.contains(cell)) {
            return null;
        }
        if (cell.equals("empty")) {
            return "";
        }
        Matcher mebibytes = MEBIBYTES.matcher(cell);
        if (mebibytes.matches()) {
            return Long.parseLong(mebibytes.group(1)) << 20;
        }
        String code = code(cell);
        assertThat(code).as("default '%s' of %s: `code`, empty, N MiB, or one of %s", cell, component.getName(), UNSET).isNotNull();
        Class<?> type = component.getType();
        if (type == Duration.class) {
            return duration(code);
        }
        if (type == Long.class) {
            return Long.valueOf(code);
        }
        if (type == Integer.class) {
            return Integer.valueOf(code);
        }
        return type == List.class ? List.of(code.split(",")) : code;
    }

    /** Micronaut's short form, {@code 30s}, {@code 5m}, {@code 100ms}. */
    private static Duration duration(String text) {
        Matcher duration = DURATION.matcher(text);
        assertThat(duration.matches()).as("duration %s", text).isTrue();
        ChronoUnit unit = switch (duration.group(2)) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
        return Duration.of(Long.parseLong(duration.group(1)), unit);
    }
}
