package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A port's timeline replayed from the change log: events and each entry's original application. */
class PortTimelineTest {

    static Entry entry(String name, Transport t, String description) {
        return new Entry(
                name,
                Ports.of(938),
                t,
                description,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null);
    }

    static PortTimeline.Step step(long revision, Long request, long entryId, Entry after) {
        return new PortTimeline.Step(
                revision,
                LocalDate.of(2026, 1, (int) revision),
                request == null ? "import" : "registry-action",
                revision == 1,
                request,
                "src",
                revision,
                entryId,
                after);
    }

    static RegistryViews.EntryView view(String name, String transport) {
        return new RegistryViews.EntryView(
                "k",
                name,
                "938",
                938,
                938,
                transport,
                List.of(),
                PortStatus.ASSIGNED,
                "d",
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                false,
                null);
    }

    @Test
    void theRequestThatPutANameOnThePortIsItsApplicationUntilTheNameGoes() {
        List<PortTimeline.Step> steps =
                List.of(
                        step(1, null, 10, entry(null, null, "Unassigned")),
                        step(2, 7L, 10, null),
                        step(2, 7L, 11, entry("frob", Transport.TCP, "Frob")),
                        step(2, 7L, 12, entry(null, Transport.UDP, "Reserved")),
                        // A later modification by another request keeps the application.
                        step(3, 9L, 11, entry("frob", Transport.TCP, "Frob v2")),
                        // An import of the same entry does not change it either.
                        step(4, null, 11, entry("FROB", Transport.TCP, "Frob v2")));
        PortTimeline.View v = PortTimeline.of(938, steps);
        assertEquals(7L, v.applicationOf(view("frob", "tcp")));
        assertEquals(7L, v.applicationOf(view("Frob", "tcp")));
        assertNull(v.applicationOf(view("frob", "udp")));
        assertNull(v.applicationOf(view(null, "udp")));

        // De-assigned (Reserved, no name), then assigned again by another request.
        List<PortTimeline.Step> again = new java.util.ArrayList<>(steps);
        again.add(step(5, 20L, 11, entry(null, Transport.TCP, "Reserved")));
        assertNull(PortTimeline.of(938, again).applicationOf(view("frob", "tcp")));
        again.add(step(6, 21L, 13, entry("frob", Transport.TCP, "Frob again")));
        assertEquals(21L, PortTimeline.of(938, again).applicationOf(view("frob", "tcp")));
    }
}
