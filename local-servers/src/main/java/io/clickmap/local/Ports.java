package io.clickmap.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports: a free one for tests, or a check that a configured one is free, with a message that says which. */
public final class Ports {
    private Ports() {
    }

    /**
     * A loopback port free now, chosen below the kernel's ephemeral range: a port is chosen well before its server
     * binds it (a cluster's members all name each other's ports in their configuration), and in the ephemeral range
     * any outgoing connection made meanwhile — Kafka's clients, HTTP — could take it.
     */
    public static int free() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 10_000 + RANDOM.nextInt(Math.max(1, below - 10_000));
            if (GIVEN.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                GIVEN.add(port);
                return port;
            } catch (IOException taken) {
                // another server has it: try the next
            }
        }
        throw new UncheckedIOException("no free loopback port between 10000 and " + below, new IOException("200 ports tried"));
    }

    private static final Random RANDOM = new SecureRandom();
    /** Never the same port twice in one process: a port handed out may not be bound yet. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    /** The first port of {@code ip_local_port_range} (Linux's default 32768 where it cannot be read). */
    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > 11_000 ? start : 32_768;
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }

    public static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws, naming the setting to change, when something already listens on the port. */
    public static void requireFree(int port, String what, String setting) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " for " + what + " is taken by another program; choose another with " + setting);
        }
    }
}
