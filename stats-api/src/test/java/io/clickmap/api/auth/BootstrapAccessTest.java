package io.clickmap.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.environments.Environment;
import org.junit.jupiter.api.Test;

class BootstrapAccessTest {

    @Test
    void theBootstrapEnvironmentIsIdNameAndToken() {
        Environment environment = BootstrapAccess.parseEnvironment("1:Default:phc_local:with:colons");
        assertThat(environment.id()).isEqualTo(1);
        assertThat(environment.name()).isEqualTo("Default");
        assertThat(environment.token()).isEqualTo("phc_local:with:colons");
    }

    @Test
    void aMalformedBootstrapEnvironmentNamesTheSetting() {
        for (String bad : new String[] {"1:Default", "x:Default:phc", "0:Default:phc", "1::phc"}) {
            assertThatThrownBy(() -> BootstrapAccess.parseEnvironment(bad)).as(bad).hasMessageContaining("CLICKMAP_BOOTSTRAP_ENVIRONMENT");
        }
    }

    @Test
    void keysAreStoredAsSha256AndEveryNewKeyIsDifferent() {
        assertThat(ApiKeySecrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeySecrets.newKey()).startsWith("phx_").hasSize(47).isNotEqualTo(ApiKeySecrets.newKey());
    }
}
