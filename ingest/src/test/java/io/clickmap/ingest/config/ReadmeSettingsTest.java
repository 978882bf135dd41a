package io.clickmap.ingest.config;

import static io.clickmap.testing.MarkdownTable.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.testing.MarkdownTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's ingest configuration table is {@link Setting}: a row per setting with its variable, property and
 * default. Besides those it may list only the variables logback.xml reads (the log level): logback resolves them
 * itself, before any setting is loaded, so they have no property, and their default is logback.xml's.
 */
class ReadmeSettingsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path LOGBACK = Path.of("src", "main", "resources", "logback.xml");
    private static final Pattern LOGBACK_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]*)}");

    private static Map<String, Map<String, String>> rowsByVariable() throws IOException {
        MarkdownTable table = MarkdownTable.after(README, "## Configuration", "**Ingest**");
        assertThat(table.header()).containsExactly("variable", "property", "default", "meaning");
        assertThat(table.rows().stream().map(row -> code(row.get("variable")))).doesNotContainNull().doesNotHaveDuplicates();
        return table.rows().stream().collect(Collectors.toMap(row -> code(row.get("variable")), row -> row, (a, b) -> a, TreeMap::new));
    }

    /** {@code `value`}, or the word {@code empty} for the empty string; anything else is not a comparable default. */
    private static String documentedDefault(Map<String, String> row) {
        String cell = row.get("default");
        return cell.equals("empty") ? "" : code(cell);
    }

    @Test
    void everySettingHasARowWithItsPropertyAndDefault() throws IOException {
        Map<String, Map<String, String>> rows = rowsByVariable();

        for (Setting setting : Setting.values()) {
            Map<String, String> row = rows.get(setting.environmentVariable());
            assertThat(row).as("README row for %s", setting.environmentVariable()).isNotNull();
            assertThat(code(row.get("property"))).as("property of %s", setting.environmentVariable()).isEqualTo(setting.property());
            assertThat(documentedDefault(row)).as("default of %s", setting.environmentVariable()).isEqualTo(setting.defaultValue());
        }
    }

    @Test
    void theOtherRowsAreTheVariablesLogbackReadsWithItsDefaults() throws IOException {
        Map<String, String> logback = new TreeMap<>();
        Matcher variable = LOGBACK_VARIABLE.matcher(Files.readString(LOGBACK));
        while (variable.find()) {
            logback.put(variable.group(1), variable.group(2));
        }
        Map<String, Map<String, String>> others = rowsByVariable();
        others.keySet().removeAll(Arrays.stream(Setting.values()).map(Setting::environmentVariable).toList());

        assertThat(others.keySet()).isEqualTo(logback.keySet());
        others.forEach((name, row) -> {
            assertThat(row.get("property")).as("property of %s", name).isEmpty();
            assertThat(documentedDefault(row)).as("default of %s", name).isEqualTo(logback.get(name));
        });
    }
}
