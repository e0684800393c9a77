package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.Ports;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RFC 6335 §8 rules on a small registry modelled on the real one around port 938. */
class RequestChecksTest {

    private static final String OWNER = "owner@example.org";

    private static Entry row(
            String name, String ports, Transport t, String description, String person, Long code) {
        return new Entry(
                name,
                ports == null ? null : Ports.parse(ports),
                t,
                description,
                person,
                person,
                null,
                null,
                List.of(),
                code,
                null,
                null);
    }

    private static final RegistrySnapshot REG;

    static {
        List<Entry> rows =
                List.of(
                        row("http", "80", Transport.TCP, "World Wide Web HTTP", "IESG", null),
                        row("http", "80", Transport.UDP, "World Wide Web HTTP", "IESG", null),
                        row(null, "81-915", null, "Unassigned", null, null),
                        row(null, "916-952", null, "Unassigned", null, null),
                        row(
                                "rndc",
                                "953",
                                Transport.TCP,
                                "BIND9 remote name daemon controller",
                                "Owner",
                                null),
                        row(null, "953", Transport.UDP, "Reserved", null, null),
                        row(null, "954-988", null, "Unassigned", null, null),
                        row(null, "1024", null, "Reserved", null, null),
                        row(null, "1025-49151", null, "Unassigned", null, null),
                        row("discard", "9", Transport.DCCP, "Discard", "IESG", 1145656131L));
        List<StoredEntry> stored = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            stored.add(new StoredEntry(i, "k" + i, i, rows.get(i)));
        }
        REG =
                new RegistrySnapshot(
                        null,
                        stored,
                        Map.of(
                                "IESG",
                                        new Person(
                                                "IESG", "IESG", null, "iesg@ietf.org", null, null),
                                "Owner", new Person("Owner", "Owner", "ISC", OWNER, null, null)));
    }

    private static RequestInput input(
            String name, String port, String track, String... transports) {
        return new RequestInput(
                "new-assignment",
                name,
                port,
                null,
                List.of(transports),
                track,
                "Frobnication protocol",
                new Party("Ann Example", "Example Org", "ann@example.org"),
                new Party("Ann Example", null, "ann@example.org"),
                "draft-example-frob-01",
                "No broadcast, multicast or anycast.",
                null,
                null,
                "Clients behind firewalls need a fixed port.",
                "It runs before any user process starts.",
                "RFC 9999",
                null,
                null,
                null,
                null,
                null);
    }

    private static Assessment assess(
            RequestInput in, String email, RequestChecks.OpenRequest... open) {
        return RequestChecks.assess(
                RequestContent.parse(in),
                new RequestChecks.Context(
                        REG, 0, email, false, List.of(open), LocalDate.of(2026, 11, 26)));
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void systemPortNeedsAChoiceBetweenIetfReviewAndIesgApproval() {
        Assessment a = assess(input("frob", "938", null, "tcp", "udp"), "ann@example.org");
        assertNull(a.track());
        assertEquals(List.of("track"), fields(a.errors()));
        assertEquals(List.of(Track.IETF_REVIEW, Track.IESG_APPROVAL), a.allowedTracks());
        assertTrue(a.policy().startsWith("System port: IETF Review or IESG Approval"));
    }

    @Test
    void completeSystemRequestPreviewsTheGapSplitAndAssignedAndReservedEntries() {
        Assessment a =
                assess(input("frob", "938", "iesg-approval", "tcp", "udp"), "ann@example.org");
        assertEquals(List.of(), a.errors());
        assertEquals(Track.IESG_APPROVAL, a.track());
        assertEquals(
                List.of(
                        "remove 916-952 unassigned",
                        "add 916-937 unassigned",
                        "add 939-952 unassigned",
                        "add 938/tcp assigned",
                        "add 938/udp assigned",
                        "add 938/sctp reserved",
                        "add 938/dccp reserved"),
                a.preview().stream()
                        .map(
                                p ->
                                        p.action()
                                                + " "
                                                + p.port()
                                                + (p.transport() == null ? "" : "/" + p.transport())
                                                + " "
                                                + p.status())
                        .toList());
    }

    @Test
    void ietfReviewNamesTheDocument() {
        Assessment a = assess(input("frob", "938", "ietf-review", "tcp"), "ann@example.org");
        assertEquals(List.of("ietfDocument"), fields(a.errors()));
    }

    @Test
    void systemPortNeedsItsJustifications() {
        RequestInput in = input("frob", "938", "iesg-approval", "tcp");
        RequestInput bare =
                new RequestInput(
                        in.kind(),
                        in.serviceName(),
                        in.port(),
                        null,
                        in.transports(),
                        in.track(),
                        in.description(),
                        in.assignee(),
                        in.contact(),
                        in.reference(),
                        in.castStatement(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertEquals(
                List.of("justification", "systemJustification", "stableSpecification"),
                fields(assess(bare, "ann@example.org").errors()));
    }

    @Test
    void userPortDefaultsToExpertReview() {
        Assessment a = assess(input("frob", "4000", null, "tcp"), "ann@example.org");
        assertEquals(Track.EXPERT_REVIEW, a.track());
        assertEquals(List.of(), a.errors());
    }

    @Test
    void nameOnlyIsFirstComeFirstServed() {
        Assessment a = assess(input("frob", null, null, "tcp"), "ann@example.org");
        assertEquals(Track.FCFS, a.track());
        assertTrue(a.preview().get(0).port() == null);
    }

    @Test
    void takenPortIsRefusedWithNearbyFreePorts() {
        Assessment a = assess(input("frob", "80", "iesg-approval", "tcp"), "ann@example.org");
        assertEquals(List.of("port"), fields(a.errors()));
        assertTrue(a.errors().get(0).message().contains("assigned to http"));
        assertEquals(List.of(81, 82, 83, 84, 85), a.suggestions());
    }

    @Test
    void dynamicPortsAreRefused() {
        Assessment a = assess(input("frob", "50000", null, "tcp"), "ann@example.org");
        assertTrue(a.errors().get(0).message().startsWith("Dynamic ports"));
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        Assessment a = assess(input("HTTP", "938", "iesg-approval", "tcp"), "ann@example.org");
        assertEquals(List.of("serviceName"), fields(a.errors()));
        assertTrue(a.errors().get(0).message().contains("already registered"));
    }

    @Test
    void syntaxErrorsAndWarnings() {
        Assessment a = assess(input("frob_port", "938", "iesg-approval", "tcp"), "ann@example.org");
        assertTrue(a.errors().get(0).message().startsWith("may contain only"));
        assertTrue(a.warnings().get(0).message().contains("\"port\""));
    }

    @Test
    void reservedPortNeedsStandardsActionOrIesgApprovalWithAReason() {
        Assessment a = assess(input("frob", "953", null, "udp"), "ann@example.org");
        assertEquals(List.of(Track.STANDARDS_ACTION, Track.IESG_APPROVAL), a.allowedTracks());
        assertTrue(fields(a.errors()).contains("reservedReason"));
    }

    @Test
    void ownReservedCounterpartGoesToExpertReview() {
        Assessment a = assess(input("rndc-udp", "953", null, "udp"), OWNER);
        assertEquals(Track.EXPERT_REVIEW, a.track());
        assertEquals(List.of(), a.errors());
    }

    @Test
    void competingOpenRequestsAreWarningsNotErrors() {
        Assessment a =
                assess(
                        input("frob", "938", "iesg-approval", "tcp"),
                        "ann@example.org",
                        new RequestChecks.OpenRequest(
                                7, "other", Ports.of(938), List.of(Transport.TCP)),
                        // Same port, other transport; other port, same transport: no competition.
                        new RequestChecks.OpenRequest(
                                8, "udp-only", Ports.of(938), List.of(Transport.UDP)),
                        new RequestChecks.OpenRequest(
                                9, "next-door", Ports.parse("939-940"), List.of(Transport.TCP)));
        assertEquals(List.of(), a.errors());
        assertEquals(
                List.of(
                        new FieldError(
                                "port",
                                "request #7 also asks for 938/tcp; the first to be completed gets"
                                        + " it")),
                a.warnings());
        assertEquals(List.of(7L), a.competing());
    }

    @Test
    void dccpServiceCodeRules() {
        RequestInput in = input("frob", "4000", null, "dccp");
        assertEquals(List.of("serviceCode"), fields(assess(in, "a@b.org").errors()));
        assertTrue(
                assess(withCode(in, "0"), "a@b.org")
                        .errors()
                        .get(0)
                        .message()
                        .contains("permanently reserved"));
        assertTrue(
                assess(withCode(in, "0x3F000001"), "a@b.org")
                        .errors()
                        .get(0)
                        .message()
                        .contains("private"));
        assertTrue(
                assess(withCode(in, "1145656131"), "a@b.org")
                        .errors()
                        .get(0)
                        .message()
                        .contains("discard"));
        assertEquals(List.of(), assess(withCode(in, "7"), "a@b.org").errors());
        RequestInput tcp = withCode(input("frob", "4000", null, "tcp"), "7");
        assertEquals(List.of("serviceCode"), fields(assess(tcp, "a@b.org").errors()));
    }

    private static RequestInput withCode(RequestInput in, String code) {
        return new RequestInput(
                in.kind(),
                in.serviceName(),
                in.port(),
                null,
                in.transports(),
                in.track(),
                in.description(),
                in.assignee(),
                in.contact(),
                in.reference(),
                in.castStatement(),
                in.ietfDocument(),
                null,
                in.justification(),
                in.systemJustification(),
                in.stableSpecification(),
                null,
                code,
                null,
                null,
                null);
    }

    @Test
    void addTransportOnlyForTheOwner() {
        RequestInput in =
                new RequestInput(
                        "add-transport",
                        null,
                        null,
                        null,
                        List.of("udp"),
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
        assertEquals(List.of("targetService"), fields(assess(in, "ann@example.org").errors()));
        Assessment own = assess(in, OWNER);
        assertEquals(List.of(), own.errors());
        assertEquals(Track.EXPERT_REVIEW, own.track());
    }

    @Test
    void assigneeCannotChange() {
        RequestInput in =
                new RequestInput(
                        "modify",
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        "New words",
                        new Party("Someone Else", null, "else@example.org"),
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
        Assessment a = assess(in, OWNER);
        assertEquals(List.of("assignee"), fields(a.errors()));
    }

    @Test
    void transfersAreRefusedWithTheReason() {
        RequestInput in =
                new RequestInput(
                        "transfer",
                        null,
                        null,
                        null,
                        List.of(),
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
        ProblemException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        ProblemException.class, () -> RequestContent.parse(in));
        assertTrue(e.getMessage().contains("§8.5"));
    }

    @Test
    void malformedValuesAreA400NamingEachField() {
        RequestInput in =
                new RequestInput(
                        "new-assignment",
                        "frob",
                        "abc",
                        "dynamic",
                        List.of("tcp", "quic"),
                        "vote",
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
                        "xyz",
                        null,
                        null,
                        null);
        ProblemException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        ProblemException.class, () -> RequestContent.parse(in));
        assertEquals(
                List.of("port", "anyPortIn", "transports", "track", "serviceCode"),
                fields(e.errors()));
    }
}
