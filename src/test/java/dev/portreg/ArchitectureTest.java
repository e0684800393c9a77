package dev.portreg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package dependencies are the ones docs/architecture.md draws, and nothing else: a new import
 * across features that is not in the diagram fails here. No main source file grows past {@link
 * #MAX_LINES} lines either (issue 8: split by concern instead).
 */
class ArchitectureTest {

    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?dev\\.portreg\\.([a-z]+)\\.");
    private static final Pattern ARROW = Pattern.compile("^\\s*([a-z]+) --> ([a-z]+)\\s*$");

    /** The most lines a main source file may have. */
    static final int MAX_LINES = 420;

    @Test
    void packageDependenciesAreTheDiagrams() throws IOException {
        Set<String> actual = new TreeSet<>();
        Path root = Path.of("src/main/java/dev/portreg");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String from = root.relativize(f).getName(0).toString();
                for (String line : Files.readAllLines(f)) {
                    Matcher m = IMPORT.matcher(line);
                    if (m.find() && !m.group(1).equals(from)) {
                        actual.add(from + " --> " + m.group(1));
                    }
                }
            }
        }
        Set<String> drawn = new TreeSet<>();
        String doc = Files.readString(Path.of("docs/architecture.md"));
        String packages = doc.substring(doc.indexOf("## Packages"), doc.indexOf("## Reads"));
        for (String line : packages.split("\n")) {
            Matcher m = ARROW.matcher(line);
            if (m.matches()) {
                drawn.add(m.group(1) + " --> " + m.group(2));
            }
        }
        assertEquals(drawn, actual);
    }

    @Test
    void noMainSourceFileIsTooLong() throws IOException {
        Path root = Path.of("src/main/java/dev/portreg");
        List<String> tooLong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files++;
                String name = root.relativize(f).toString().replace('\\', '/');
                int lines = Files.readAllLines(f).size();
                if (lines > MAX_LINES) {
                    tooLong.add(name + " (" + lines + " lines)");
                }
            }
        }
        assertTrue(files > 100, "found only " + files + " main source files under " + root);
        assertEquals(
                List.of(),
                tooLong,
                "main source files over " + MAX_LINES + " lines: split them by concern");
    }
}
