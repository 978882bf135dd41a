package io.clickmap.api;

import io.clickmap.api.alerts.AlertsConfig;
import io.clickmap.api.auth.AuthConfig;
import io.clickmap.api.cli.AdminCli;
import io.clickmap.api.clickhouse.ClickHouseSettings;
import io.clickmap.api.insights.InsightsConfig;
import io.clickmap.api.sharing.SharingConfig;
import io.clickmap.api.stats.StatsConfig;
import io.clickmap.api.toolbar.ToolbarConfig;
import io.clickmap.api.trends.TrendsConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.List;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Entry point of the service jar. With no arguments (or only Micronaut options) it serves the HTTP API;
 * {@code users …}, {@code keys …} and {@code environments …} run an administration command instead and exit.
 * SIGTERM and Ctrl-C stop the server gracefully (requests in flight are answered) and exit 0.
 */
public final class StatsApiMain {
    /**
     * The records that hold the service's settings, one per feature, all under {@code clickmap.*}: the README's
     * table, application.yml and docker-compose are checked against these (and this list against the beans).
     */
    public static final List<Class<? extends Record>> SETTINGS =
            List.of(ClickHouseSettings.class, AuthConfig.class, StatsConfig.class, InsightsConfig.class, TrendsConfig.class, AlertsConfig.class,
                    SharingConfig.class, ToolbarConfig.class);

    private StatsApiMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && AdminCli.handles(args[0])) {
            System.exit(AdminCli.run(args, System.out, System.err));
        }
        ApplicationContext context = Micronaut.run(StatsApiMain.class, args);
        // The JVM's own handling would exit with 143 (130 for Ctrl-C), which orchestrators read as a failure.
        Signal.handle(new Signal("TERM"), signal -> stop(context));
        Signal.handle(new Signal("INT"), signal -> stop(context));
    }

    private static void stop(ApplicationContext context) {
        LoggerFactory.getLogger(StatsApiMain.class).info("Stopping");
        context.close();
        System.exit(0);
    }
}
