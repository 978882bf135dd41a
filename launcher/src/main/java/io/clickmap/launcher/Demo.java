package io.clickmap.launcher;

import com.clickhouse.client.api.Client;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.loadgen.CaptureSink;
import io.clickmap.loadgen.ClickGenerator;
import io.clickmap.loadgen.LoadGenerator;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** {@code --demo}: realistic clicks from the last three days, sent through capture and waited for until stored. */
final class Demo {
    private static final int DEMO_BATCH = 50;

    private Demo() {
    }

    static void stream(LocalStack stack, int events, PrintStream out) {
        try (Client client = ClickHouseClients.create(stack.clickHouseConfig())) {
            ClickHouseSql sql = new ClickHouseSql(client);
            long before = stored(sql);
            out.printf("Streaming %,d demo clicks through capture…%n", events);
            // through capture, as a page's posthog-js sends them: found by the project token, in gzipped batches
            ClickGenerator.Options options = ClickGenerator.Options.defaults()
                    .withTeam(0, LocalStack.TOKEN)
                    .withSeed(System.nanoTime())
                    .withSpread(Duration.ofDays(3));
            LoadGenerator.Summary sent = new LoadGenerator(new CaptureSink(URI.create(stack.captureUrl()), DEMO_BATCH))
                    .run(new ClickGenerator(options, Clock.systemUTC()), events, 0, (click, at) -> { }, out);
            if (sent.failed() > 0) {
                out.printf("capture refused %,d demo clicks; see %s%n", sent.failed(), stack.captureLog());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (stored(sql) < before + events && System.nanoTime() < deadline) {
                JavaService.sleep(200);
            }
            out.printf("%,d demo clicks stored.%n", stored(sql) - before);
        }
    }

    private static long stored(ClickHouseSql sql) {
        return sql.query("SELECT count() AS n FROM events WHERE team_id = " + LocalStack.ENVIRONMENT, row -> row.get("n").asLong()).get(0);
    }
}
