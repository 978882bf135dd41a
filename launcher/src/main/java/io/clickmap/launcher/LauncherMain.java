package io.clickmap.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import sun.misc.Signal;

/**
 * {@code bin/run}: starts the local stack, prints the API key and three curls, optionally streams
 * demo clicks, and runs until Ctrl-C, which stops everything cleanly.
 */
public final class LauncherMain {
    private LauncherMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && args[0].equals("--help")) {
            System.out.println(LauncherConfig.usage());
            return;
        }
        LauncherConfig config;
        try {
            config = LauncherConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("clickmap: " + e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(config, repository());
        } catch (IllegalStateException e) {
            System.err.println("clickmap: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Clickmap…");
            stack.close();
            System.out.println("Stopped. Data kept in " + config.home());
        }, "clickmap-stop"));
        // Ctrl-C and SIGTERM end in the hook above; exiting 0 says the stop was the one asked for (the JVM would say 130 or 143).
        Signal.handle(new Signal("INT"), signal -> System.exit(0));
        Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        if (config.demo()) {
            Demo.stream(stack, config.demoEvents(), System.out);
        }
        printWelcome(stack, config, Duration.ofNanos(System.nanoTime() - started), System.out);
        Thread.currentThread().join();
    }

    /** The repository's folder, which {@code bin/run} names in the system property {@code clickmap.repository}. */
    private static Path repository() {
        return Path.of(System.getProperty("clickmap.repository", ".")).toAbsolutePath().normalize();
    }

    static void printWelcome(LocalStack stack, LauncherConfig config, Duration took, PrintStream out) {
        String base = stack.apiUrl() + "/api/environments/" + LocalStack.ENVIRONMENT + "/elements";
        String auth = "-H 'Authorization: Bearer " + stack.apiKey() + "'";
        out.printf("""

                Clickmap is running (started in %.1f s; data and logs in %s).
                  stats API     %s   (PostHog-compatible; environment %d, project token %s)
                  capture       %s   (posthog-js's api_host: pages send their clicks here)
                  demo page     %s   (a shop page with posthog-js: click it, then ask the stats API)
                  Kafka         %s   (topic %s: send events here)
                  ingest        http://localhost:%d/metrics
                  API key       %s

                In a page, after posthog-js's snippet:
                  posthog.init('%s', {api_host: '%s', autocapture: true, capture_dead_clicks: true})

                Try:
                  curl -s %s '%s/stats/?paginate_response=true&limit=3'
                  curl -s %s '%s/values/?key=tag_name'
                  curl -s %s '%s/'

                Ctrl-C stops everything.
                """, took.toMillis() / 1000.0, config.home(), stack.apiUrl(), LocalStack.ENVIRONMENT, LocalStack.TOKEN, stack.captureUrl(),
                stack.pageUrl(), stack.bootstrapServers(), LocalStack.TOPIC, config.ingestPort(), stack.apiKey(), LocalStack.TOKEN, stack.captureUrl(),
                auth, base, auth, base, auth, base);
    }
}
