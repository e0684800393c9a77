package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/workflow.md draws exactly the transitions of {@link RequestState#allowedNext()}. */
class WorkflowDocTest {

    private static final Pattern ARROW = Pattern.compile("^\\s*([a-z_]+) --> ([a-z_]+)");

    @Test
    void diagramMatchesTheTransitionTable() throws IOException {
        Set<String> drawn = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("docs/workflow.md"))) {
            Matcher m = ARROW.matcher(line);
            if (m.find()) {
                drawn.add(m.group(1) + " --> " + m.group(2));
            }
        }
        Set<String> coded = new TreeSet<>();
        for (RequestState from : RequestState.values()) {
            for (RequestState to : from.allowedNext()) {
                coded.add(id(from) + " --> " + id(to));
            }
        }
        assertEquals(coded, drawn);
    }

    private static String id(RequestState s) {
        return s.slug().replace('-', '_');
    }
}
