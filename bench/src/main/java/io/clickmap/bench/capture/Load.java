package io.clickmap.bench.capture;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * HTTP load on capture's {@code /e/}: a fixed number of requests in flight (closed loop) or a fixed rate (open
 * loop), over keep-alive HTTP/1.1 connections on plain sockets, one thread each. The load shares the two cores
 * with capture and Kafka, so it is kept to writing prepared bytes and reading the short answer: java.net.http's
 * client took 0.28 of a core at 1,500 requests/s (~180 µs a request), a socket per thread takes a fraction of it.
 */
final class Load {
    /** Threads of the load carry this prefix, so that {@link CpuSplit} can leave them out of the broker's share. */
    static final String THREAD_PREFIX = "capture-load-";
    private static final int OPEN_LOOP_CONNECTIONS = 64;
    private static final AtomicLong CPU_NANOS = new AtomicLong();

    private final int port;
    private final AtomicLong threads = new AtomicLong();

    Load(int port) {
        this.port = port;
    }

    /** What a run did: requests answered 200 and their events, refusals, and each 200's latency. */
    record Result(long requests, long events, long refused, double seconds, long[] latencies) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(latencies.length * p / 100) - 1);
            return latencies[Math.max(0, index)] / 1e6;
        }
    }

    private static final class Run {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final List<long[]> latencies = new ArrayList<>();

        Result result(Requests requests, double seconds) {
            long[] sorted;
            synchronized (latencies) {
                sorted = latencies.stream().flatMapToLong(Arrays::stream).toArray();
            }
            Arrays.sort(sorted);
            return new Result(accepted.get(), accepted.get() * requests.eventsPerRequest(), refused.get(), seconds, sorted);
        }
    }

    /** One thread's latencies, handed to the run when the thread ends (no lock per request). */
    private static final class Latencies {
        long[] values = new long[1024];
        int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        void addTo(Run run) {
            synchronized (run.latencies) {
                run.latencies.add(Arrays.copyOf(values, size));
            }
        }
    }

    Result closedLoop(Requests requests, int inFlight, int seconds) throws InterruptedException {
        Run run = new Run();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            start(() -> {
                Latencies latencies = new Latencies();
                Connection connection = new Connection();
                try {
                    while (System.nanoTime() < deadline) {
                        long sent = System.nanoTime();
                        if (connection.post(requests.next()) == 200) {
                            run.accepted.incrementAndGet();
                            latencies.add(System.nanoTime() - sent);
                        } else {
                            run.refused.incrementAndGet();
                        }
                    }
                } finally {
                    connection.close();
                    latencies.addTo(run);
                    done.countDown();
                }
            });
        }
        done.await();
        return run.result(requests, (System.nanoTime() - started) / 1e9);
    }

    Result openLoop(Requests requests, double perSecond, int seconds) throws InterruptedException {
        return openLoop(requests, perSecond, seconds, at -> { });
    }

    /**
     * Requests due at a fixed rate, taken by a pool of connections; a request's latency runs from when it was due,
     * so time spent waiting for a free connection counts. {@code onAccepted} hears the nanoTime of each 200, in the
     * order they arrive.
     */
    Result openLoop(Requests requests, double perSecond, int seconds, LongConsumer onAccepted) throws InterruptedException {
        Run run = new Run();
        BlockingQueue<Long> due = new LinkedBlockingQueue<>();
        long none = Long.MIN_VALUE;
        CountDownLatch done = new CountDownLatch(OPEN_LOOP_CONNECTIONS);
        for (int i = 0; i < OPEN_LOOP_CONNECTIONS; i++) {
            start(() -> {
                Latencies latencies = new Latencies();
                Connection connection = new Connection();
                try {
                    for (long at = due.take(); at != none; at = due.take()) {
                        if (connection.post(requests.next()) == 200) {
                            long now = System.nanoTime();
                            run.accepted.incrementAndGet();
                            latencies.add(now - at);
                            onAccepted.accept(now);
                        } else {
                            run.refused.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    connection.close();
                    latencies.addTo(run);
                    done.countDown();
                }
            });
        }
        long started = System.nanoTime();
        long total = (long) (perSecond * seconds);
        for (long i = 0; i < total; i++) {
            long at = started + (long) (i * 1e9 / perSecond);
            long early = at - System.nanoTime();
            if (early > 0) {
                LockSupport.parkNanos(early);
            }
            due.add(at);
        }
        for (int i = 0; i < OPEN_LOOP_CONNECTIONS; i++) {
            due.add(none);
        }
        done.await();
        return run.result(requests, (System.nanoTime() - started) / 1e9);
    }

    /** CPU time of all the load's threads that have ended, in this JVM. */
    static long cpuNanos() {
        return CPU_NANOS.get();
    }

    private void start(Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                CPU_NANOS.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }
        }, THREAD_PREFIX + threads.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * One keep-alive connection: writes a POST and reads the answer's status, headers and body (by
     * Content-Length or chunked). A broken connection counts as a refusal and is opened again for the next request.
     */
    private final class Connection {
        private final byte[] head = new byte[256];
        /** Everything of a request's header but the body's length, written once per connection's life. */
        private final byte[] requestLine = ("POST /e/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: text/plain\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        /** The answer's status code, or -1 when the connection failed. */
        int post(byte[] body) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    // one buffer for header and body, so that a request leaves in one write without copying the body first
                    out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                }
                out.write(requestLine);
                out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return readAnswer();
            } catch (IOException | RuntimeException e) {
                // a malformed answer (a status or chunk size that does not parse) breaks the connection too
                close();
                return -1;
            }
        }

        private int readAnswer() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(0, colon)).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                    closes = true;
                }
            }
            if (chunked) {
                for (long size = chunkSize(line()); size > 0; size = chunkSize(line())) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("an answer with neither Content-Length nor chunked encoding");
            }
            if (closes) {
                close();
            }
            return code;
        }

        /** A chunk's size line, without any chunk extension after ';'. */
        private long chunkSize(String line) {
            int extension = line.indexOf(';');
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        }

        private String line() throws IOException {
            int size = 0;
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                if (b != '\r' && size < head.length) {
                    head[size++] = (byte) b;
                }
            }
            return new String(head, 0, size, StandardCharsets.US_ASCII);
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("the connection closed mid-answer");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // the connection is dropped either way
                }
                socket = null;
            }
        }
    }
}
