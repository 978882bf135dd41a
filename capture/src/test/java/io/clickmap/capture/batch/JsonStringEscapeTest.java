package io.clickmap.capture.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Escaped text read back as a JSON string is the text again, byte for byte, whatever it holds. */
class JsonStringEscapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quotesBackslashesControlBytesAndUnicodeSurviveTheRoundTrip() throws Exception {
        String text = "{\n\t\"text\": \"Say \\\"hi\\\" \\\\ now\",\r\n \"emoji\": \"✓ 日本 \uD83D\uDE00\", \"bell\": \"\u0007\"}";
        String escaped = escapedBetween("xx" + text + "yy", 2, 2);

        assertThat(JSON.readValue("\"" + escaped + "\"", String.class)).isEqualTo(text);
        assertThat(escaped).startsWith("{\\u000a\\u0009\\\"text\\\"").contains("\\u0007").doesNotContain("\n");
    }

    @Test
    void anyTextRoundTrips() throws Exception {
        Random random = new Random(42);
        String alphabet = "\"\\\n\t\r\u0000\u001fab{}[]:,é日\uD83D\uDE00 ";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                int pick = random.nextInt(alphabet.length());
                // keep surrogate pairs whole: the text must be valid UTF-16 to be encoded as UTF-8
                text.append(Character.isHighSurrogate(alphabet.charAt(pick)) ? alphabet.substring(pick, pick + 2)
                        : Character.isLowSurrogate(alphabet.charAt(pick)) ? "x" : String.valueOf(alphabet.charAt(pick)));
            }
            String escaped = escapedBetween("<" + text + ">", 1, 1);
            assertThat(JSON.readValue("\"" + escaped + "\"", String.class)).isEqualTo(text.toString());
        }
    }

    /** Escapes the text without its first and last few characters (ASCII here), as an event inside a body. */
    private static String escapedBetween(String text, int before, int after) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int from = before;
        int to = bytes.length - after;
        byte[] out = new byte[6 * (to - from) + 1];
        out[0] = '#';
        int end = JsonStringEscape.escapeInto(bytes, from, to, out, 1);
        return new String(out, 1, end - 1, StandardCharsets.UTF_8);
    }
}
