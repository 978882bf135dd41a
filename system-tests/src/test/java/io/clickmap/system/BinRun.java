package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.local.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code bin/run} as a user starts and stops it, with a home of the test's own and free loopback ports. */
final class BinRun {
    private BinRun() {
    }

    /** The flags; ClickHouse and Kafka take the port after theirs too. */
    record Flags(Path home, int apiPort, int capturePort, int pagePort, int ingestPort, int clickHousePort, int kafkaPort) {
        static Flags free(Path home) {
            return new Flags(home, Ports.free(), Ports.free(), Ports.free(), Ports.free(), freePair(), freePair());
        }

        List<Integer> ports() {
            return List.of(apiPort, capturePort, pagePort, ingestPort, clickHousePort, clickHousePort + 1, kafkaPort, kafkaPort + 1);
        }

        String pageUrl() {
            return "http://localhost:" + pagePort + "/";
        }

        String apiUrl() {
            return "http://localhost:" + apiPort;
        }

        String captureUrl() {
            return "http://localhost:" + capturePort;
        }

        private static int freePair() {
            while (true) {
                int port = Ports.free();
                if (port < 65_000 && !Ports.answers(port + 1)) {
                    return port;
                }
            }
        }
    }

    static ChildProcess start(String name, Flags flags, String... extra) {
        // A suite started in the background of a shell without job control inherits SIGINT ignored, and an ignored
        // signal stays ignored through every exec: the Ctrl-C below would never arrive. env resets it, then execs bin/run.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "bin/run", "--home", flags.home().toString(), "--api-port", String.valueOf(flags.apiPort()),
                "--capture-port", String.valueOf(flags.capturePort()), "--page-port", String.valueOf(flags.pagePort()), "--ingest-port", String.valueOf(flags.ingestPort()),
                "--clickhouse-port", String.valueOf(flags.clickHousePort()), "--kafka-port", String.valueOf(flags.kafkaPort())));
        command.addAll(Arrays.asList(extra));
        // bin/run starts its own ClickHouse; a CLICKHOUSE_URL meant for the other tests must not change what it installs
        return ChildProcess.start(name, command, PackagedJar.REPOSITORY, Map.of("CLICKHOUSE_URL", ""));
    }

    /** Ctrl-C: a clean stop (exit 0) that leaves no process running and no port listening. */
    static void stopWithCtrlC(ChildProcess run, Flags flags) throws Exception {
        List<ProcessHandle> started = run.descendants();
        assertThat(started).as("ClickHouse, Kafka, stats-api, capture and ingest run as processes").hasSizeGreaterThanOrEqualTo(5);
        run.signal("INT");
        assertThat(run.awaitExit(Duration.ofSeconds(90))).as("a clean stop after Ctrl-C").isZero();
        assertThat(run.output()).contains("Stopped. Data kept in " + flags.home()).doesNotContain("did not stop cleanly", "Exception");
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        for (int port : flags.ports()) {
            assertThat(Ports.answers(port)).as("port %d after the stop", port).isFalse();
        }
    }
}
