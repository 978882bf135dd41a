package io.clickmap.api.toolbar;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.auth.ToolbarTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** docs/toolbar.md's "Tokens" states the refusals, bounds and defaults the code has. */
class ToolbarDocsTest {
    private static final Path DOC = Path.of("..", "docs", "toolbar.md");

    private static String tokens() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("\n## Tokens\n");
        assertThat(start).as("docs/toolbar.md has a section \"Tokens\"").isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        // Read as prose: however the lines are wrapped.
        return (end < 0 ? doc.substring(start) : doc.substring(start, end)).replaceAll("\\s+", " ");
    }

    @Test
    void everyRefusalDetailIsInTheTable() throws IOException {
        String tokens = tokens();

        Arrays.stream(TokenVerdict.values()).filter(verdict -> verdict != TokenVerdict.VALID)
                .forEach(verdict -> assertThat(tokens).as(verdict.name()).contains("| `" + verdict.detail() + "` |"));
        assertThat(tokens).contains("| `" + ToolbarTokens.FOREIGN + "` |");
    }

    @Test
    void theLifetimeItsBoundsAndThePageUrlBoundAreTheCodes() throws IOException {
        String tokens = tokens();

        assertThat(new ToolbarConfig(null).toolbarTokenLifetime().toHours()).isEqualTo(1);
        assertThat(tokens).contains("`clickmap.toolbar-token-lifetime` (1 hour by default, " + ToolbarConfig.MIN_TOOLBAR_TOKEN_LIFETIME.toMinutes()
                + " minute to " + ToolbarConfig.MAX_TOOLBAR_TOKEN_LIFETIME.toHours() + " hours;");
        assertThat(tokens).contains("at most " + String.format("%,d", PageUrl.MAX_LENGTH) + " characters");
        assertThat(tokens).contains("(URL-safe Base64, " + ToolbarSecrets.newToken().length() + " characters)");
    }
}
