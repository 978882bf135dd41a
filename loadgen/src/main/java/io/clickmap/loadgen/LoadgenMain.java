package io.clickmap.loadgen;

import io.clickmap.event.EventTopic;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code clickmap-loadgen}: writes posthog-js-shaped clicks to Kafka and prints a summary.
 * Usage: {@code java -jar clickmap-loadgen.jar --events 100000 [--rate 10000] [--topic clickmap_events]
 * [--bootstrap-servers localhost:9092] [--shape plain|envelope] [--team-id 1 | --token phc_…] [--days 0]
 * [--pages 200] [--elements-per-page 250] [--seed 42] [--capture-url http://localhost:8010]}; with a capture URL
 * the clicks go through capture's HTTP endpoint (gzipped batches, as posthog-js sends them) instead of to Kafka.
 */
public final class LoadgenMain {
    /** Events per request through capture: what posthog-js gathers in a few seconds on a busy page. */
    static final int CAPTURE_BATCH = 50;

    private LoadgenMain() {
    }

    public static void main(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>(Map.of(
                "bootstrap-servers", EventTopic.DEFAULT_BOOTSTRAP_SERVERS, "topic", EventTopic.DEFAULT_NAME, "events", "10000", "rate", "0",
                "shape", "plain", "team-id", "1", "token", "phc_clickmap_local", "days", "0"));
        flags.putAll(Map.of("pages", "200", "elements-per-page", "250", "seed", "42", "capture-url", ""));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || !args[i].startsWith("--") || i + 1 >= args.length || !flags.containsKey(args[i].substring(2))) {
                System.err.println("usage: clickmap-loadgen " + flags.keySet().stream().map(flag -> "[--" + flag + " " + flags.get(flag) + "]")
                        .reduce((a, b) -> a + " " + b).orElse(""));
                System.exit(args[i].equals("--help") ? 0 : 2);
            }
            flags.put(args[i].substring(2), args[++i]);
        }
        try {
            run(flags);
        } catch (IllegalArgumentException e) {
            System.err.println("clickmap-loadgen: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(Map<String, String> flags) {
        String captureUrl = flags.get("capture-url");
        boolean viaCapture = !captureUrl.isEmpty();
        ClickGenerator.Options options = ClickGenerator.Options.defaults()
                .withSeed(Long.parseLong(flags.get("seed")))
                // capture finds an event's environment by its project token, as for a web page's events
                .withTeam(viaCapture ? 0 : Long.parseLong(flags.get("team-id")), flags.get("token"))
                .withShape(ClickGenerator.Shape.valueOf(flags.get("shape").toUpperCase(Locale.ROOT)))
                .withSpread(Duration.ofDays(Long.parseLong(flags.get("days"))))
                .withSite(Integer.parseInt(flags.get("pages")), Integer.parseInt(flags.get("elements-per-page")));
        long events = Long.parseLong(flags.get("events"));
        double rate = Double.parseDouble(flags.get("rate"));
        if (viaCapture) {
            report(new LoadGenerator(new CaptureSink(URI.create(captureUrl), CAPTURE_BATCH))
                    .run(new ClickGenerator(options, Clock.systemUTC()), events, rate, (click, at) -> { }, System.err), captureUrl);
            return;
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadGenerator.producerProperties(flags.get("bootstrap-servers")))) {
            report(new LoadGenerator(new KafkaSink(producer, flags.get("topic")))
                    .run(new ClickGenerator(options, Clock.systemUTC()), events, rate, (click, at) -> { }, System.err), flags.get("topic"));
        }
    }

    private static void report(LoadGenerator.Summary summary, String destination) {
        System.out.printf(Locale.ROOT, "sent %,d events (%,.1f MB) to %s in %s: %,.0f events/s, %,d failed%n",
                summary.sent(), summary.bytes() / 1e6, destination, Progress.format(summary.took()),
                summary.eventsPerSecond(), summary.failed());
        if (summary.failed() > 0) {
            System.exit(1);
        }
    }
}
