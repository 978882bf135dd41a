package io.clickmap.api;

import io.clickmap.api.cli.AdminCli;
import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the service jar. With no arguments (or only Micronaut options) it serves the HTTP API;
 * {@code keys …} and {@code environments …} run an administration command instead and exit.
 */
public final class StatsApiMain {
    private StatsApiMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && AdminCli.handles(args[0])) {
            System.exit(AdminCli.run(args, System.out, System.err));
        }
        Micronaut.run(StatsApiMain.class, args);
    }
}
