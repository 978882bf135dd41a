package io.clickmap.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The packaged service jars the local stack runs, the same files the Docker images run: a service
 * started from them sees exactly the classpath its users get. They live where the build puts them,
 * {@code <module>/target/clickmap-<module>.jar} under the repository; a missing one is reported with
 * the command that builds it.
 */
record ServiceJars(Path ingest, Path statsApi, Path capture) {

    static ServiceJars inRepository(Path repository) {
        return new ServiceJars(jar(repository, "ingest"), jar(repository, "stats-api"), jar(repository, "capture"));
    }

    private static Path jar(Path repository, String module) {
        Path jar = repository.resolve(module).resolve("target").resolve("clickmap-" + module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with: mvn -B -q package -DskipTests -pl " + module + " -am"
                    + " (bin/run does this when the sources change)");
        }
        return jar;
    }
}
