package io.clickmap.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownTableTest {
    private static final String DOCUMENT = """
            # Title

            ## Other

            | a | b |
            |---|---|
            | other | section |

            ## Configuration

            **First** — text.

            | variable | default |
            |---|---|
            | `ONE` | `1` |

            **Second**:

            | variable | default | meaning |
            |---|:---|---|
            | `TWO` | empty | a `x|y` pipe in code, an escaped \\| one |
            |`THREE`|`3`||

            ## Layout

            | after | the section |
            |---|---|
            """;

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("README.md"), text);
    }

    @Test
    void findsTheTableAfterTheMarkerWithinTheSection() throws IOException {
        MarkdownTable second = MarkdownTable.after(file(DOCUMENT), "## Configuration", "**Second**");

        assertThat(second.header()).containsExactly("variable", "default", "meaning");
        assertThat(second.rows()).containsExactly(
                Map.of("variable", "`TWO`", "default", "empty", "meaning", "a `x|y` pipe in code, an escaped | one"),
                Map.of("variable", "`THREE`", "default", "`3`", "meaning", ""));
        assertThat(MarkdownTable.in(file(DOCUMENT), "## Configuration").rows())
                .containsExactly(Map.of("variable", "`ONE`", "default", "`1`"));
    }

    @Test
    void codeIsTheTextBetweenOnePairOfBackticks() {
        assertThat(List.of("`KAFKA_TOPIC`", "``", "empty", "`a` / `b`", "48 MiB").stream().map(MarkdownTable::code))
                .containsExactly("KAFKA_TOPIC", "", null, null, null);
    }

    @Test
    void aMissingTableOrARowThatDoesNotFitTheHeaderFails() throws IOException {
        Path document = file(DOCUMENT);
        assertThatThrownBy(() -> MarkdownTable.after(document, "## Configuration", "**Third**")).hasMessageContaining("no table after");
        assertThatThrownBy(() -> MarkdownTable.in(document, "## Missing")).hasMessageContaining("no line ## Missing");
        Path broken = file(DOCUMENT.replace("| `ONE` | `1` |", "| `ONE` | `1` | extra |"));
        assertThatThrownBy(() -> MarkdownTable.in(broken, "## Configuration")).hasMessageContaining("3 cells where the header has 2");
    }
}
