package io.clickmap.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.local.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherConfigTest {
    @Test
    void withoutFlagsTheDocumentedDefaultsApply() {
        LauncherConfig config = LauncherConfig.parse(new String[0]);

        assertThat(config.home()).isEqualTo(Path.of(".clickmap").toAbsolutePath());
        assertThat(config.apiPort()).isEqualTo(8000);
        assertThat(config.ingestPort()).isEqualTo(8081);
        assertThat(config.clickHousePort()).isEqualTo(18123);
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.demo()).isFalse();
    }

    @Test
    void flagsOverrideTheDefaults() {
        LauncherConfig config = LauncherConfig.parse(new String[] {"--demo", "--api-port", "9000", "--demo-events", "10"});

        assertThat(config.demo()).isTrue();
        assertThat(config.apiPort()).isEqualTo(9000);
        assertThat(config.demoEvents()).isEqualTo(10);
    }

    @Test
    void badFlagsAreRefusedWithTheFlagAndItsRange() {
        assertThatThrownBy(() -> LauncherConfig.parse(new String[] {"--api-port", "80"}))
                .hasMessage("--api-port must be a number from 1024 to 65534, not '80'");
        assertThatThrownBy(() -> LauncherConfig.parse(new String[] {"--colour", "blue"}))
                .hasMessageStartingWith("unknown argument '--colour'; usage: bin/run [--demo]");
    }

    @Test
    void aTakenPortStopsStartUpNamingTheFlagToChange(@TempDir Path home) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // ClickHouse's port is the first checked, so no other port can answer first
            LauncherConfig config = new LauncherConfig(home, Ports.free(), Ports.free(), Ports.free(), Ports.free(), taken.getLocalPort(), Ports.free(), false, 0);

            assertThatThrownBy(() -> LocalStack.start(config, home))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + taken.getLocalPort() + " for ClickHouse's HTTP interface is taken by another program; "
                            + "choose another with --clickhouse-port");
        }
    }

    @Test
    void theReadmeNamesEveryFlagWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(LauncherConfig.DEFAULTS).isNotEmpty().allSatisfy((flag, value) ->
                assertThat(readme).as("--" + flag).contains("`--" + flag + " " + value + "`"));
    }
}
