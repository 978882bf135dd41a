package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module's packaged jar, found and started the way the Dockerfile does it: {@code java $JAVA_OPTS -jar}
 * on the jar it copies into the image, configured by environment variables only.
 */
final class PackagedJar {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PackagedJar() {
    }

    /** {@code COPY --from=build /src/<path with ${MODULE}> /app/clickmap.jar}, for this module. */
    static Path of(String module) throws IOException {
        Path jar = REPOSITORY.resolve(dockerfile("COPY --from=build /src/(\\S+) /app/clickmap\\.jar").replace("${MODULE}", module));
        assertThat(jar).as("packaged by the build").isRegularFile();
        return jar;
    }

    static ChildProcess start(String module, Map<String, String> environment) throws IOException {
        return ChildProcess.start("jar-" + module, command(module), REPOSITORY, environment);
    }

    /** Starts the service and waits until its {@code /health} answers 200 on {@code port}; fails if it exits first. */
    static ChildProcess startHealthy(String module, Map<String, String> environment, int port) throws IOException {
        ChildProcess service = start(module, environment);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).failFast("exited during start-up", () -> !service.isAlive())
                .until(() -> {
                    try {
                        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notListening) {
                        return false;
                    }
                });
        return service;
    }

    static List<String> command(String module, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(dockerfile("ENV JAVA_OPTS=\"([^\"]*)\"").split(" ")));
        command.addAll(List.of("-jar", of(module).toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** {@code base} with the pairs {@code name, value, name, value, …} added: a service's environment. */
    static Map<String, String> environment(Map<String, String> base, String... pairs) {
        Map<String, String> environment = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private static String dockerfile(String pattern) throws IOException {
        Matcher matcher = Pattern.compile(pattern).matcher(Files.readString(REPOSITORY.resolve("Dockerfile")));
        assertThat(matcher.find()).as("the Dockerfile has %s", pattern).isTrue();
        return matcher.group(1);
    }
}
