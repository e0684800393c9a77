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

    private static final Pattern STATE_ROW =
            Pattern.compile("^\\| `([a-z-]+)` \\| ([a-z]+) \\|\\s*([a-z, ]*?)\\s*\\|$");
    private static final Pattern ACTION_ROW =
            Pattern.compile("^\\| `([a-z-]+)` \\| [^|]+ \\| ([a-z, -]*?) \\|\\s*([^|]*?)\\s*\\|$");

    @Test
    void theTablesAreTheLifecycles() throws IOException {
        Set<String> drawn = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("docs/workflow.md"))) {
            Matcher s = STATE_ROW.matcher(line);
            Matcher a = ACTION_ROW.matcher(line);
            if (s.matches()) {
                drawn.add(s.group(1) + " decided by " + s.group(2) + "; informed " + s.group(3));
            } else if (a.matches()) {
                drawn.add(a.group(1) + " open in " + a.group(2));
                String other = a.group(3).replaceAll("\\([^)]*\\)", "").trim();
                drawn.add(a.group(1) + " done otherwise in " + other.replaceAll(" +,", ","));
            }
        }
        Set<String> coded = new TreeSet<>();
        for (RequestState s : RequestState.values()) {
            coded.add(
                    s.slug()
                            + " decided by "
                            + s.decider().name().toLowerCase()
                            + "; informed "
                            + String.join(", ", new TreeSet<>(s.informed())));
        }
        for (Action a : Action.values()) {
            java.util.List<String> open = new java.util.ArrayList<>();
            java.util.List<String> other = new java.util.ArrayList<>();
            for (RequestState s : RequestState.values()) {
                Lifecycle.cell(a, s).ifPresent(c -> (c.open() ? open : other).add(s.slug()));
            }
            coded.add(a.slug + " open in " + String.join(", ", open));
            coded.add(a.slug + " done otherwise in " + String.join(", ", other));
        }
        assertEquals(coded, drawn);
    }

    private static String id(RequestState s) {
        return s.slug().replace('-', '_');
    }
}
