package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portreg.common.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The status JSON is written once per port and snapshot, and only for the current registry. */
class PortAnswersTest {

    final AtomicInteger writes = new AtomicInteger();
    final PortAnswers answers =
            new PortAnswers(
                    (s, port) ->
                            ("{\"port\":" + port + ",\"write\":" + writes.incrementAndGet() + "}")
                                    .getBytes(StandardCharsets.UTF_8));

    @Test
    void aPortIsWrittenOncePerSnapshot() {
        RegistrySnapshot s = snapshot();
        assertEquals("{\"port\":938,\"write\":1}", text(answers.port(s, "938", true)));
        assertEquals("{\"port\":938,\"write\":1}", text(answers.port(s, " 938 ", true)));
        assertEquals("{\"port\":939,\"write\":2}", text(answers.port(s, "939", true)));
        assertEquals(2, answers.size());
    }

    @Test
    void aNewSnapshotDropsEveryAnswer() {
        RegistrySnapshot before = snapshot();
        byte[] old = answers.port(before, "938", true);
        RegistrySnapshot after = snapshot();
        assertEquals("{\"port\":938,\"write\":2}", text(answers.port(after, "938", true)));
        assertEquals(1, answers.size());
        assertArrayEquals("{\"port\":938,\"write\":1}".getBytes(StandardCharsets.UTF_8), old);
    }

    @Test
    void anEarlierRegistryIsWrittenEachTimeAndNotKept() {
        RegistrySnapshot then = snapshot();
        assertEquals("{\"port\":80,\"write\":1}", text(answers.port(then, "80", false)));
        assertEquals("{\"port\":80,\"write\":2}", text(answers.port(then, "80", false)));
        assertEquals(0, answers.size());
    }

    @Test
    void whatIsNotAPortIsA400NamingTheField() {
        RegistrySnapshot s = snapshot();
        for (String bad : List.of("abc", "-1", "65536", "", "1e3", "0x10", "9999999999")) {
            ProblemException e =
                    assertThrows(ProblemException.class, () -> answers.port(s, bad, true), bad);
            assertEquals(400, e.status(), bad);
            assertEquals("port", e.errors().get(0).field(), bad);
        }
        assertEquals(0, writes.get());
        assertEquals("{\"port\":0,\"write\":1}", text(answers.port(s, "0", true)));
        assertEquals("{\"port\":65535,\"write\":2}", text(answers.port(s, "65535", true)));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static RegistrySnapshot snapshot() {
        return new RegistrySnapshot(null, List.of(), Map.of());
    }
}
