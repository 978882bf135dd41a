package io.clickmap.launcher;

import com.clickhouse.client.api.Client;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.loadgen.ClickGenerator;
import io.clickmap.loadgen.LoadGenerator;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;

/** {@code --demo}: realistic clicks from the last three days, sent through Kafka and waited for until stored. */
final class Demo {
    private Demo() {
    }

    static void stream(LocalStack stack, int events, PrintStream out) {
        try (Client client = ClickHouseClients.create(stack.clickHouseConfig())) {
            ClickHouseSql sql = new ClickHouseSql(client);
            long before = stored(sql);
            out.printf("Streaming %,d demo clicks to Kafka…%n", events);
            ClickGenerator.Options options = ClickGenerator.Options.defaults()
                    .withTeam(LocalStack.ENVIRONMENT, LocalStack.TOKEN)
                    .withSeed(System.nanoTime())
                    .withSpread(Duration.ofDays(3));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadGenerator.producerProperties(stack.bootstrapServers()))) {
                new LoadGenerator(producer).run(new ClickGenerator(options, Clock.systemUTC()), LocalStack.TOPIC, events, 0, (click, at) -> { }, out);
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
