package io.clickmap.capture.config;

import static io.clickmap.testing.MarkdownTable.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.testing.MarkdownTable;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/capture.md says what the code does: its configuration table is {@link CaptureConfig} and application.yml
 * (every setting, the variable that sets it, the default a CaptureConfig given nothing has), and its bounds
 * are {@link CaptureLimits}.
 */
class CaptureDocsTest {
    private static final Path DOC = Path.of("..", "docs", "capture.md");
    private static final Path APPLICATION_YML = Path.of("src", "main", "resources", "application.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");

    @Test
    void theConfigurationTableIsCaptureConfigAndApplicationYml() throws Exception {
        Map<String, String[]> expected = new TreeMap<>();
        Map<String, String> mapped = mappedVariables();
        CaptureConfig unset = unset();
        for (RecordComponent component : CaptureConfig.class.getRecordComponents()) {
            String setting = "capture." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            String variable = mapped.getOrDefault(setting, setting.toUpperCase().replace('.', '_').replace('-', '_'));
            expected.put(setting, new String[] {variable, shown(component.getAccessor().invoke(unset))});
        }
        Matcher port = PLACEHOLDER.matcher(String.valueOf(((Map<?, ?>) ((Map<?, ?>) yml().get("micronaut")).get("server")).get("port")));
        assertThat(port.matches()).isTrue();
        expected.put("micronaut.server.port", new String[] {port.group(1), port.group(2)});

        Map<String, String[]> documented = new TreeMap<>();
        for (Map<String, String> row : MarkdownTable.in(DOC, "## Configuration").rows()) {
            documented.put(code(row.get("setting")), new String[] {code(row.get("environment variable")),
                    row.get("default").equals("empty") ? "" : code(row.get("default"))});
        }
        assertThat(documented.keySet()).isEqualTo(expected.keySet());
        expected.forEach((setting, variableAndDefault) -> assertThat(documented.get(setting)).as(setting).containsExactly(variableAndDefault));
    }

    @Test
    void theBoundsTableIsCaptureLimits() throws IOException {
        Map<String, String> bounds = new LinkedHashMap<>();
        MarkdownTable.in(DOC, "## Bounds").rows().forEach(row -> bounds.put(row.get("bound"), row.get("value").replace(" bytes", "")));

        assertThat(bounds).containsExactly(
                Map.entry("body as sent", String.valueOf(CaptureLimits.MAX_BODY_BYTES)),
                Map.entry("body decoded", String.valueOf(CaptureLimits.MAX_DECODED_BYTES)),
                Map.entry("events per request", String.valueOf(CaptureLimits.MAX_EVENTS)),
                Map.entry("one event's Kafka message", String.valueOf(CaptureLimits.MAX_EVENT_BYTES)),
                Map.entry("bodies decoded at once (a request waits a second for its turn, then 503 `overloaded`)",
                        String.valueOf(CaptureLimits.MAX_CONCURRENT_DECODES)),
                Map.entry("memory for bodies being turned into envelopes at once, six bytes per decoded byte (a request waits a second for its "
                        + "share, then 503 `overloaded`)", String.valueOf(CaptureLimits.MAX_CONVERTING_BYTES)));
        assertThat(String.valueOf(((Map<?, ?>) ((Map<?, ?>) yml().get("micronaut")).get("server")).get("max-request-size")))
                .as("application.yml's max-request-size").isEqualTo(String.valueOf(CaptureLimits.MAX_BODY_BYTES));
    }

    private static CaptureConfig unset() throws ReflectiveOperationException {
        RecordComponent[] components = CaptureConfig.class.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return CaptureConfig.class.getDeclaredConstructor(types).newInstance(new Object[components.length]);
    }

    /** A default as the table writes it: durations as {@code 10s}, everything else as its text. */
    private static String shown(Object value) {
        return value instanceof Duration duration ? duration.toSeconds() + "s" : String.valueOf(value);
    }

    /** application.yml's {@code capture.x-y: ${VARIABLE:}} lines: setting → variable. */
    private static Map<String, String> mappedVariables() throws IOException {
        Map<String, String> mapped = new TreeMap<>();
        ((Map<?, ?>) yml().get("capture")).forEach((property, value) -> {
            Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
            if (placeholder.matches()) {
                mapped.put("capture." + property, placeholder.group(1));
            }
        });
        return mapped;
    }

    private static Map<String, Object> yml() throws IOException {
        return new Yaml().load(Files.readString(APPLICATION_YML));
    }
}
