package io.clickmap.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A standalone ZooKeeper (Apache's server from Maven Central) in a child JVM on the given classpath, the coordinator
 * that replicated ClickHouse tables and {@code ON CLUSTER} statements need. Its admin web server is off (it would need
 * Jetty); only the {@code srvr} four-letter command is on, which is how readiness is told: ClickHouse 18.16 crashes
 * when an {@code ON CLUSTER} statement arrives while its ZooKeeper does not answer, so a cluster starts only after
 * this one serves.
 */
public final class ZooKeeperProcess {
    private final Path dir;
    private final int port;
    private final String classpath;
    private WatchedProcess process;

    public ZooKeeperProcess(Path dir, int port, String classpath) {
        this.dir = dir;
        this.port = port;
        this.classpath = classpath;
    }

    public int port() {
        return port;
    }

    public synchronized void start(Duration timeout) {
        try {
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = WatchedProcess.start("zookeeper", List.of(KafkaBrokerProcess.java(), "-Xms64m", "-Xmx256m",
                "-Dzookeeper.admin.enableServer=false", "-Dzookeeper.4lw.commands.whitelist=srvr",
                "-cp", classpath, "org.apache.zookeeper.server.ZooKeeperServerMain", Integer.toString(port), dir.resolve("data").toString()),
                Map.of(), dir.resolve("zookeeper.log"), WatchedProcess.Ending.TERM);
        process.awaitReady(this::serves, timeout, 100, "ZooKeeper did not serve on port " + port);
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    /** Whether the server answers {@code srvr} with its mode, which it does once its database is loaded. */
    boolean serves() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("Mode:");
        } catch (IOException e) {
            return false;
        }
    }
}
