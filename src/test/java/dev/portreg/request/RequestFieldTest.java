package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.ProblemException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field model: which kinds use which fields, written out here, and what parsing does. */
class RequestFieldTest {

    private static final Set<RequestKind> ALL = EnumSet.allOf(RequestKind.class);
    private static final Set<RequestKind> NEW = EnumSet.of(RequestKind.NEW_ASSIGNMENT);

    private static final RequestKind EARLY = RequestKind.EARLY_ALLOCATION;

    /** A new assignment and an early allocation (RFC 7120), which is one for an Internet-Draft. */
    private static final Set<RequestKind> NEW_OR_EARLY =
            EnumSet.of(RequestKind.NEW_ASSIGNMENT, EARLY);

    private static final Map<RequestField, Set<RequestKind>> USED_BY =
            Map.ofEntries(
                    Map.entry(RequestField.KIND, ALL),
                    Map.entry(RequestField.TRACK, ALL),
                    Map.entry(RequestField.NOTES, ALL),
                    Map.entry(RequestField.SERVICE_NAME, NEW_OR_EARLY),
                    Map.entry(RequestField.PORT, NEW_OR_EARLY),
                    Map.entry(RequestField.ANY_PORT_IN, NEW_OR_EARLY),
                    Map.entry(
                            RequestField.REFERENCE,
                            EnumSet.of(RequestKind.NEW_ASSIGNMENT, RequestKind.MAKE_PERMANENT)),
                    Map.entry(RequestField.CAST_STATEMENT, NEW_OR_EARLY),
                    Map.entry(RequestField.JUSTIFICATION, NEW_OR_EARLY),
                    Map.entry(RequestField.SYSTEM_JUSTIFICATION, NEW),
                    Map.entry(RequestField.STABLE_SPECIFICATION, NEW),
                    Map.entry(RequestField.RESERVED_REASON, NEW),
                    Map.entry(RequestField.UNAUTHORIZED_USES, NEW),
                    Map.entry(RequestField.CHAIR_STATEMENT, EnumSet.of(EARLY)),
                    Map.entry(
                            RequestField.TRANSPORTS,
                            EnumSet.of(
                                    RequestKind.NEW_ASSIGNMENT, RequestKind.ADD_TRANSPORT, EARLY)),
                    Map.entry(
                            RequestField.SERVICE_CODE,
                            EnumSet.of(
                                    RequestKind.NEW_ASSIGNMENT, RequestKind.ADD_TRANSPORT, EARLY)),
                    Map.entry(
                            RequestField.IETF_DOCUMENT,
                            EnumSet.of(
                                    RequestKind.NEW_ASSIGNMENT, RequestKind.ADD_TRANSPORT, EARLY)),
                    Map.entry(
                            RequestField.DESCRIPTION,
                            EnumSet.of(RequestKind.NEW_ASSIGNMENT, RequestKind.MODIFY, EARLY)),
                    Map.entry(
                            RequestField.ASSIGNEE,
                            EnumSet.of(RequestKind.NEW_ASSIGNMENT, RequestKind.MODIFY, EARLY)),
                    Map.entry(
                            RequestField.CONTACT,
                            EnumSet.of(RequestKind.NEW_ASSIGNMENT, RequestKind.MODIFY, EARLY)),
                    Map.entry(
                            RequestField.TARGET_SERVICE,
                            EnumSet.complementOf(EnumSet.of(RequestKind.NEW_ASSIGNMENT, EARLY))));

    @Test
    void everyFieldNamesItsKinds() {
        for (RequestField f : RequestField.values()) {
            assertEquals(USED_BY.get(f), f.usedBy(), f.name);
            for (RequestKind k : RequestKind.values()) {
                assertEquals(USED_BY.get(f).contains(k), f.usedBy(k), f.name + " " + k.slug);
            }
        }
    }

    @Test
    void onlyWhatIsAssignedMakesBallotPositionsStale() {
        for (RequestField f : RequestField.values()) {
            assertEquals(
                    Set.of("port", "anyPortIn", "transports").contains(f.name),
                    f.balloted(),
                    f.name);
        }
    }

    @Test
    void namesAreFoundFromErrorPaths() {
        assertEquals(Optional.of(RequestField.ASSIGNEE), RequestField.named("assignee.email"));
        assertEquals(Optional.of(RequestField.TRANSPORTS), RequestField.named("transports[2]"));
        assertEquals(Optional.of(RequestField.PORT), RequestField.named("port"));
        assertEquals(Optional.empty(), RequestField.named("comment"));
        assertEquals(Optional.empty(), RequestField.named(null));
    }

    @Test
    void aFieldTheKindDoesNotUseIsRefusedByName() {
        RequestInput modifyWithPort =
                new RequestInput(
                        "modify",
                        null,
                        "938",
                        null,
                        List.of("tcp"),
                        null,
                        "New words",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "rndc");
        ProblemException e =
                assertThrows(ProblemException.class, () -> RequestContent.parse(modifyWithPort));
        assertEquals(400, e.status());
        assertEquals(
                List.of("transports", "port"), e.errors().stream().map(x -> x.field()).toList());
        assertEquals(
                "a modify request does not use this field; leave it out",
                e.errors().get(0).message());
        // Stored before such fields were refused: read without them.
        RequestContent stored = RequestContent.stored(modifyWithPort);
        assertEquals(null, stored.ports());
        assertTrue(stored.transports().isEmpty());
        assertEquals("New words", stored.description());
        assertEquals("rndc", stored.targetService());
    }

    @Test
    void aNewAssignmentUsesNoTargetService() {
        RequestInput in =
                new RequestInput(
                        null,
                        "frob",
                        "938",
                        null,
                        List.of("tcp"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "rndc");
        ProblemException e = assertThrows(ProblemException.class, () -> RequestContent.parse(in));
        assertEquals("targetService", e.errors().get(0).field());
        assertFalse(RequestContent.stored(in).fields().containsValue("rndc"));
    }
}
