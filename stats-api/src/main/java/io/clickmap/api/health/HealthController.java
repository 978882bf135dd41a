package io.clickmap.api.health;

import io.clickmap.api.clickhouse.ClickHouseFailure;
import io.clickmap.clickhouse.ClickHouseSql;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: 200 when ClickHouse answers a query, 503 (with the reason) when it does not. No key needed. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {
    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);
    private final ClickHouseSql sql;

    public HealthController(ClickHouseSql sql) {
        this.sql = sql;
    }

    @Get(value = "/health", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, String>> health() {
        Map<String, String> body = new LinkedHashMap<>();
        try {
            sql.query("SELECT 1 AS ok", row -> row);
            body.put("status", "UP");
            body.put("clickhouse", "UP");
            return HttpResponse.ok(body);
        } catch (RuntimeException e) {
            if (!ClickHouseFailure.isUnavailable(e) && !ClickHouseFailure.isRejectedStatement(e)) {
                throw e;
            }
            LOG.warn("Health check: ClickHouse does not answer: {}", e.getMessage());
            body.put("status", "DOWN");
            body.put("clickhouse", "DOWN");
            body.put("detail", "ClickHouse does not answer queries.");
            return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
        }
    }
}
