package io.clickmap.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behind a reverse proxy, page links name the address the client used, as the proxy reports it. */
@MicronautTest
class ProxiedLinksTest extends ServiceTest {
    private static final String LIST = "/api/projects/1/elements/?limit=1";

    @BeforeAll
    void storeTwoElements() {
        api().send("POST", "/api/projects/1/elements/", "{\"tag_name\":\"a\"}");
        api().send("POST", "/api/projects/1/elements/", "{\"tag_name\":\"button\"}");
    }

    @Test
    void withoutAProxyLinksNameTheServer() {
        assertThat(api().get(LIST).json().get("next").asText()).isEqualTo(server.getURL() + "/api/projects/1/elements/?limit=1&offset=1");
    }

    @Test
    void xForwardedHeadersNameTheProxysAddress() {
        String next = api().get(LIST, Map.of("X-Forwarded-Host", "clickmap.example.com", "X-Forwarded-Proto", "https"))
                .json().get("next").asText();

        assertThat(next).isEqualTo("https://clickmap.example.com/api/projects/1/elements/?limit=1&offset=1");
    }

    @Test
    void theForwardedHeaderNamesTheProxysAddress() {
        String next = api().get(LIST, Map.of("Forwarded", "for=192.0.2.60;proto=https;host=stats.example.org:8443"))
                .json().get("next").asText();

        assertThat(next).isEqualTo("https://stats.example.org:8443/api/projects/1/elements/?limit=1&offset=1");
    }
}
