package dev.portreg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package dependencies are the ones docs/architecture.md draws, and nothing else: a new import
 * across features that is not in the diagram fails here.
 */
class ArchitectureTest {

    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?dev\\.portreg\\.([a-z]+)\\.");
    private static final Pattern ARROW = Pattern.compile("^\\s*([a-z]+) --> ([a-z]+)\\s*$");

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
}
