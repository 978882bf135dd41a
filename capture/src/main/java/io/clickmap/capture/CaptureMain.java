package io.clickmap.capture;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Entry point of the capture jar: the HTTP host posthog-js sends events to. SIGTERM and Ctrl-C stop it
 * gracefully (requests in flight are answered, transactions under way finish) and exit 0.
 */
public final class CaptureMain {
    private CaptureMain() {
    }

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.build(args).mainClass(CaptureMain.class).banner(false).start();
        // The JVM's own handling would exit with 143 (130 for Ctrl-C), which orchestrators read as a failure.
        Signal.handle(new Signal("TERM"), signal -> stop(context));
        Signal.handle(new Signal("INT"), signal -> stop(context));
    }

    private static void stop(ApplicationContext context) {
        LoggerFactory.getLogger(CaptureMain.class).info("Stopping");
        context.close();
        System.exit(0);
    }
}
