package io.clickmap.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes posthog-js-shaped click events (≈1–1.5 KB): {@code $autocapture}, {@code $rageclick} and
 * {@code $dead_click} on a {@link Site}, with skewed pages, elements and users, as plain events or
 * PostHog capture envelopes. Deterministic for a seed, except timestamps taken from the clock.
 */
public final class ClickGenerator {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] BROWSERS = {"Chrome", "Safari", "Firefox", "Microsoft Edge", "Samsung Internet"};
    private static final String[] SYSTEMS = {"Windows", "Mac OS X", "iOS", "Android", "Linux"};
    private static final String[] DEVICES = {"Desktop", "Mobile", "Tablet"};

    public enum Shape { PLAIN, ENVELOPE }

    /**
     * @param teamId the environment id written as {@code team_id}, or 0 to send {@code token} instead
     * @param spread timestamps fall uniformly within this long before now (zero: now)
     */
    public record Options(long seed, String host, int pages, int elementsPerPage, int users, long teamId, String token,
                          Shape shape, Duration spread, double rageShare, double deadShare) {

        public static Options defaults() {
            return new Options(42, "shop.example.com", 200, 250, 10_000, 1, "phc_clickmap_local", Shape.PLAIN, Duration.ZERO, 0.05, 0.05);
        }

        public Options withTeam(long id, String projectToken) {
            return new Options(seed, host, pages, elementsPerPage, users, id, projectToken, shape, spread, rageShare, deadShare);
        }

        public Options withShape(Shape other) {
            return new Options(seed, host, pages, elementsPerPage, users, teamId, token, other, spread, rageShare, deadShare);
        }

        public Options withSpread(Duration other) {
            return new Options(seed, host, pages, elementsPerPage, users, teamId, token, shape, other, rageShare, deadShare);
        }

        public Options withSite(int pageCount, int elementsOnEachPage) {
            return new Options(seed, host, pageCount, elementsOnEachPage, users, teamId, token, shape, spread, rageShare, deadShare);
        }

        public Options withSeed(long other) {
            return new Options(other, host, pages, elementsPerPage, users, teamId, token, shape, spread, rageShare, deadShare);
        }
    }

    /** One generated event: what was sent, for checks, and the message bytes. */
    public record Click(UUID uuid, String event, String distinctId, String url, String chain, Instant timestamp, byte[] message) {
    }

    private final Options options;
    private final Site site;
    private final Zipf pages;
    private final Zipf elements;
    private final Zipf users;
    private final SplittableRandom random;
    private final Clock clock;

    public ClickGenerator(Options options, Clock clock) {
        this.options = options;
        this.site = new Site(options.seed(), options.host(), options.pages(), options.elementsPerPage());
        this.pages = new Zipf(options.pages(), 1.0);
        this.elements = new Zipf(options.elementsPerPage(), 1.1);
        this.users = new Zipf(options.users(), 0.8);
        this.random = new SplittableRandom(options.seed());
        this.clock = clock;
    }

    public Click next() {
        int page = pages.next(random);
        int element = elements.next(random);
        double kind = random.nextDouble();
        String event = kind < options.rageShare() ? "$rageclick" : kind < options.rageShare() + options.deadShare() ? "$dead_click" : "$autocapture";
        UUID uuid = new UUID(random.nextLong(), random.nextLong());
        String distinctId = "user-" + users.next(random);
        Instant now = clock.instant();
        Instant timestamp = options.spread().isZero() ? now : now.minusMillis(random.nextLong(options.spread().toMillis()));
        String url = site.url(page);
        String chain = site.chain(page, element);
        byte[] plain = write(out -> plainEvent(out, uuid, event, distinctId, timestamp, page, chain));
        byte[] message = options.shape() == Shape.PLAIN ? plain : write(out -> envelope(out, uuid, distinctId, now, plain));
        return new Click(uuid, event, distinctId, url, chain, timestamp, message);
    }

    private void plainEvent(JsonGenerator out, UUID uuid, String event, String distinctId, Instant timestamp, int page, String chain)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("uuid", uuid.toString());
        out.writeStringField("event", event);
        out.writeStringField("distinct_id", distinctId);
        if (options.teamId() > 0) {
            out.writeNumberField("team_id", options.teamId());
        } else {
            out.writeStringField("token", options.token());
        }
        out.writeStringField("timestamp", timestamp.toString());
        out.writeObjectFieldStart("properties");
        int user = distinctId.hashCode() & 0x7fffffff;
        out.writeStringField("$os", SYSTEMS[user % SYSTEMS.length]);
        out.writeStringField("$browser", BROWSERS[user % BROWSERS.length]);
        out.writeStringField("$device_type", DEVICES[user % DEVICES.length]);
        out.writeStringField("$current_url", site.url(page));
        out.writeStringField("$host", site.host());
        out.writeStringField("$pathname", site.path(page));
        out.writeNumberField("$browser_version", 100 + user % 30);
        out.writeNumberField("$screen_height", 800 + user % 600);
        out.writeNumberField("$screen_width", 1200 + user % 1400);
        out.writeStringField("$lib", "web");
        out.writeStringField("$lib_version", "1.200.0");
        out.writeStringField("$insert_id", Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        out.writeNumberField("$time", timestamp.toEpochMilli() / 1000.0);
        out.writeStringField("$device_id", "dev-" + user);
        out.writeStringField("$session_id", "ses-" + user + "-" + timestamp.toEpochMilli() / 1_800_000);
        out.writeStringField("$pageview_id", "pv-" + user + "-" + page);
        out.writeStringField("$referrer", "$direct");
        out.writeStringField("$event_type", "click");
        out.writeNumberField("$ce_version", 1);
        out.writeBooleanField("$is_identified", user % 3 == 0);
        out.writeStringField("token", options.token());
        out.writeStringField("$elements_chain", chain);
        out.writeEndObject();
        out.writeEndObject();
    }

    private void envelope(JsonGenerator out, UUID uuid, String distinctId, Instant now, byte[] data) throws IOException {
        out.writeStartObject();
        out.writeStringField("uuid", uuid.toString());
        out.writeStringField("distinct_id", distinctId);
        out.writeStringField("ip", "127.0.0.1");
        out.writeStringField("site_url", "https://" + site.host());
        out.writeStringField("data", new String(data, StandardCharsets.UTF_8));
        out.writeStringField("now", now.toString());
        out.writeStringField("sent_at", now.toString());
        out.writeStringField("token", options.token());
        out.writeEndObject();
    }

    private interface JsonWriter {
        void write(JsonGenerator out) throws IOException;
    }

    private static byte[] write(JsonWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1_600);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
