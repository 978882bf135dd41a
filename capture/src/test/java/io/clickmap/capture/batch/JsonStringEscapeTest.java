package io.clickmap.capture.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Escaped text read back as a JSON string is the text again, byte for byte, whatever it holds. */
class JsonStringEscapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quotesBackslashesControlBytesAndUnicodeSurviveTheRoundTrip() throws Exception {
        String text = "{\n\t\"text\": \"Say \\\"hi\\\" \\\\ now\",\r\n \"emoji\": \"✓ 日本 \uD83D\uDE00\", \"bell\": \"\u0007\"}";
        byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        byte[] escaped = JsonStringEscape.escape(bytes, 2, bytes.length - 4);

        String quoted = "\"" + new String(escaped, StandardCharsets.UTF_8) + "\"";
        assertThat(JSON.readValue(quoted, String.class)).isEqualTo(text);
        assertThat(new String(escaped, StandardCharsets.UTF_8)).startsWith("{\\u000a\\u0009\\\"text\\\"").contains("\\u0007").doesNotContain("\n");
    }
}
