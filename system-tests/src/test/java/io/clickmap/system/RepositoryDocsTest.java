package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: nothing in it points at files outside it, and every document it
 * names (a markdown link, or a {@code docs/…} path in code and text) is there.
 */
class RepositoryDocsTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|\\bshared/spec\\b");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern DOCS_PATH = Pattern.compile("\\bdocs/[a-z0-9-]+\\.(?:md|yaml)");

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : sourceFiles()) {
            Matcher matcher = OUTSIDE.matcher(text(file));
            while (matcher.find()) {
                found.add(REPOSITORY.relativize(file) + ": " + matcher.group());
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyNamedDocumentExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Path file : sourceFiles()) {
            String text = text(file);
            if (file.toString().endsWith(".md")) {
                Matcher link = MARKDOWN_LINK.matcher(text);
                while (link.find()) {
                    if (!link.group(1).contains("://")) {
                        named++;
                        if (!Files.exists(file.getParent().resolve(link.group(1)))) {
                            missing.add(REPOSITORY.relativize(file) + " links to " + link.group(1));
                        }
                    }
                }
            }
            Matcher path = DOCS_PATH.matcher(text);
            while (path.find()) {
                named++;
                if (!Files.exists(REPOSITORY.resolve(path.group()))) {
                    missing.add(REPOSITORY.relativize(file) + " names " + path.group());
                }
            }
        }
        assertThat(named).as("documents named across the repository").isGreaterThan(10);
        assertThat(missing).isEmpty();
    }

    /** Every text file of the repository but build output, Git's own files and what bin/run keeps locally. */
    private static List<Path> sourceFiles() throws IOException {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> Stream.of("target", ".git", ".clickmap", "node_modules")
                            .noneMatch(skipped -> REPOSITORY.relativize(file).toString().startsWith(skipped + "/")
                                    || REPOSITORY.relativize(file).toString().contains("/" + skipped + "/")))
                    .filter(file -> file.toString().matches(".*\\.(java|md|yaml|yml|xml|sql|sh|txt)$") || file.getParent().endsWith("bin") || file.getParent().endsWith(".ci")
                            || file.getFileName().toString().equals("Dockerfile"))
                    .toList();
        }
    }

    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return "";
        }
    }
}
