package io.clickmap.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code MICRONAUT_SERVER_HOST_RESOLUTION_ALLOWED_HOSTS} set, a forged host header cannot put another site's
 * address into page links that shared caches may keep for other clients.
 */
@MicronautTest
class AllowedHostsTest extends ServiceTest {
    private static final String LIST = "/api/projects/1/elements/?limit=1";

    @Override
    protected Map<String, String> settings() {
        return Map.of("micronaut.server.host-resolution.allowed-hosts", "https://clickmap\\.example\\.com");
    }

    @BeforeAll
    void storeTwoElements() {
        api().send("POST", "/api/projects/1/elements/", "{\"tag_name\":\"a\"}");
        api().send("POST", "/api/projects/1/elements/", "{\"tag_name\":\"button\"}");
    }

    @Test
    void anAllowedHostNamesTheLinks() {
        String next = api().get(LIST, Map.of("X-Forwarded-Host", "clickmap.example.com", "X-Forwarded-Proto", "https")).json().get("next").asText();

        assertThat(next).isEqualTo("https://clickmap.example.com/api/projects/1/elements/?limit=1&offset=1");
    }

    @Test
    void aForgedHostNeverAppearsInTheLinks() {
        String next = api().get(LIST, Map.of("X-Forwarded-Host", "evil.example.net", "X-Forwarded-Proto", "https")).json().get("next").asText();

        // Micronaut falls back to http://localhost for a host outside the list.
        assertThat(next).isEqualTo("http://localhost/api/projects/1/elements/?limit=1&offset=1");
    }
}
