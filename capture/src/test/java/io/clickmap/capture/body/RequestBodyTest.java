package io.clickmap.capture.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.errors.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Every body form PostHog's SDKs send decodes to the same JSON; everything else is refused with its reason. */
class RequestBodyTest {
    private static final String JSON = "[{\"event\":\"$autocapture\",\"properties\":{\"token\":\"phc_shop\",\"distinct_id\":\"u1\"}}]";
    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void plainJsonIsTakenAsItIs() {
        assertThat(decode(bytes(JSON), "application/json", null)).isEqualTo(JSON);
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesWhateverTheQuerySays() throws IOException {
        assertThat(decode(gzip(JSON), "text/plain", null)).isEqualTo(JSON);
        assertThat(decode(gzip(JSON), "text/plain", "gzip-js")).isEqualTo(JSON);
        assertThat(decode(gzip(JSON), null, "base64")).as("a gzip body under a wrong query").isEqualTo(JSON);
    }

    @Test
    void aFormBodyCarriesBase64OrJsonInItsDataField() {
        String base64 = Base64.getEncoder().encodeToString(bytes(JSON));
        assertThat(decode(bytes("data=" + URLEncoder.encode(base64, StandardCharsets.UTF_8)), FORM, "base64")).isEqualTo(JSON);
        assertThat(decode(bytes("data=" + URLEncoder.encode(base64, StandardCharsets.UTF_8) + "&compression=base64"), FORM, null)).isEqualTo(JSON);
        assertThat(decode(bytes("data=" + URLEncoder.encode(JSON, StandardCharsets.UTF_8)), FORM, null)).isEqualTo(JSON);
        assertThat(decode(bytes("data=" + base64.replace('+', '-').replace('/', '_').replace("=", "")), null, null))
                .as("URL-safe alphabet, no padding, recognised as a form without its content type").isEqualTo(JSON);
    }

    @Test
    void base64AloneIsDecodedWhenTheQuerySaysSo() {
        assertThat(decode(bytes(Base64.getEncoder().encodeToString(bytes(JSON))), "text/plain", "base64")).isEqualTo(JSON);
    }

    @Test
    void lzStringsBase64FormDecodesAsTheReferenceImplementationEncodedIt() {
        // compressToBase64 of lz-string 1.5.0 (npm), the library older posthog-js versions use
        String lz = "NobwRApgbhB2AuYBcYAkBDArvA9gY3QAd5MAnCMAGjENJ0IlPgEsIBnZcXAazmRoAWeAPpsB9KmAAmzNi1h54w5lP6YAjGAC+WgLpA==";
        assertThat(decode(bytes(lz), "text/plain", "lz64")).isEqualTo(JSON);
        assertThat(decode(bytes("data=" + URLEncoder.encode(lz, StandardCharsets.UTF_8)), FORM, "lz64")).isEqualTo(JSON);
        assertThat(LzString.decompressFromBase64("IY18ZXTukA==", 1_000)).isEqualTo("a".repeat(69));
        assertThat(LzString.decompressFromBase64("BYS4NmD2AEDuBvAnMATahkcmoU9NA05kA===", 1_000)).isEqualTo("héllo wörld ✓ 日本");
    }

    @Test
    void anLzStringThatExpandsBeyondItsBoundIsRefusedAsTooLarge() {
        assertThatThrownBy(() -> LzString.decompressFromBase64("IY18ZXTukA==", 60))
                .isInstanceOfSatisfying(Rejection.class, rejection -> assertThat(rejection.status().getCode()).isEqualTo(413));
    }

    @Test
    void aZipBombStopsAtTheDecodedBound() throws IOException {
        byte[] bomb = gzip("[" + " ".repeat(CaptureLimits.MAX_DECODED_BYTES) + "]");
        assertThat(bomb.length).as("small as sent").isLessThan(CaptureLimits.MAX_BODY_BYTES / 100);

        assertThatThrownBy(() -> RequestBody.decode(bomb, "text/plain", "gzip-js"))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.status().getCode()).isEqualTo(413);
                    assertThat(rejection.reason()).isEqualTo("decoded_too_large");
                });
    }

    @Test
    void undecodableBodiesAreRefusedWithTheirReason() throws IOException {
        byte[] truncated = gzip(JSON);
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length / 2);
        assertRefused(cut, "text/plain", null, "The body is not valid gzip");
        assertRefused(bytes(JSON), "text/plain", "gzip-js", "compression=gzip-js was given but the body is not gzip.");
        assertRefused(bytes("data=%%%"), FORM, null, "The form body has a bad %-escape in field 'data'.");
        assertRefused(bytes("!!not base64!!"), "text/plain", "base64", "The body is not valid base64");
        assertRefused(bytes("hello"), "text/plain", null, "The body is not JSON");
        assertRefused(bytes("other=1"), FORM, null, "The form body has no data field.");
        assertRefused(new byte[0], "application/json", null, "The body is empty");
        assertRefused(bytes("NobwRA@@"), "text/plain", "lz64", "The lz64 body has a character outside base64: '@'.");
    }

    private static void assertRefused(byte[] body, String contentType, String compression, String detail) {
        assertThatThrownBy(() -> RequestBody.decode(body, contentType, compression))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.status().getCode()).isEqualTo(400);
                    assertThat(rejection.error().detail()).startsWith(detail);
                });
    }

    private static String decode(byte[] body, String contentType, String compression) {
        return new String(RequestBody.decode(body, contentType, compression), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes(text));
        }
        return out.toByteArray();
    }
}
