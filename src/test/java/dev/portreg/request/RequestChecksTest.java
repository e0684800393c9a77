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
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** An early allocation of 2026, not extended; one extended; one expired (today 2026-11-26). */
    private static final String EARLY_A =
            "Frob (TEMPORARY - registered 2026-01-10, expires 2027-01-10)";

    private static final String EARLY_B =
            "Frob (TEMPORARY - registered 2025-01-10, extension registered 2026-01-05, expires"
                    + " 2027-01-10)";
    private static final String EARLY_C =
            "Frob (TEMPORARY - registered 2024-01-10, expires 2025-01-10)";

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
                        row(null, "0", null, "Reserved", null, null),
                        row(null, "954-959", null, "Unassigned", null, null),
                        row("early-a", "960", Transport.TCP, EARLY_A, "Owner", null),
                        row("early-b", "961", Transport.TCP, EARLY_B, "Owner", null),
                        row("early-c", "962", Transport.TCP, EARLY_C, "Owner", null),
                        row("split", "963", Transport.TCP, "Split", "Owner", null),
                        row("split", "963", Transport.UDP, "Split", "IESG", null),
                        row("sctpx", "953", Transport.SCTP, "Another holder", "IESG", null),
                        row("frobd", null, null, "Name only", "Owner", null),
                        row(null, "964-988", null, "Unassigned", null, null),
                        row(null, "989-1023", null, "Unassigned", null, null),
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
        return assess(in, new RequestChecks.Requester(email, Set.of(), false), false, open);
    }

    private static Assessment assess(
            RequestInput in,
            RequestChecks.Requester who,
            boolean operator,
            RequestChecks.OpenRequest... open) {
        return RequestChecks.assess(
                RequestContent.parse(in),
                new RequestChecks.Context(
                        REG, 0, who, operator, List.of(open), LocalDate.of(2026, 11, 26)));
    }

    /** {@code in} with some fields replaced: name, value, name, value, ... */
    static RequestInput with(RequestInput in, Object... pairs) {
        try {
            RecordComponent[] fields = RequestInput.class.getRecordComponents();
            Object[] values = new Object[fields.length];
            Class<?>[] types = new Class<?>[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = fields[i].getAccessor().invoke(in);
                types[i] = fields[i].getType();
            }
            for (int p = 0; p < pairs.length; p += 2) {
                int i = 0;
                while (!fields[i].getName().equals(pairs[p])) {
                    i++;
                }
                values[i] = pairs[p + 1];
            }
            return RequestInput.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request of {@code kind} about the registered {@code service}, nothing else filled in. */
    private static RequestInput about(String kind, String service, Object... pairs) {
        RequestInput blank =
                with(
                        input(null, null, null),
                        "description",
                        null,
                        "assignee",
                        null,
                        "contact",
                        null,
                        "ietfDocument",
                        null,
                        "castStatement",
                        null,
                        "justification",
                        null,
                        "systemJustification",
                        null,
                        "stableSpecification",
                        null,
                        "reference",
                        null);
        return with(with(blank, "kind", kind, "targetService", service), pairs);
    }

    private static FieldError error(String field, String message) {
        return new FieldError(field, message);
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

    // --- the range edges (RFC 6335 §6) ---------------------------------------------------------

    private static final String DYNAMIC =
            "Dynamic ports (49152-65535) are never assigned (RFC 6335 §8.1.2)";

    private static RequestInput unjustified(String port, String track) {
        return with(
                input("frob", port, track, "tcp"),
                "justification",
                null,
                "systemJustification",
                null,
                "stableSpecification",
                null);
    }

    @Test
    void port1023IsTheLastSystemPortAnd1025AUserOne() {
        Assessment system = assess(input("frob", "1023", "iesg-approval", "tcp"), "a@b.org");
        assertEquals(List.of(), system.errors());
        assertEquals(List.of(Track.IETF_REVIEW, Track.IESG_APPROVAL), system.allowedTracks());
        assertEquals(
                "System port: IETF Review or IESG Approval (RFC 6335 §8.1.2)", system.policy());
        assertEquals(
                List.of(
                        "justification",
                        "systemJustification",
                        "stableSpecification",
                        "ietfDocument"),
                fields(assess(unjustified("1023", "ietf-review"), "a@b.org").errors()));
        Assessment user = assess(unjustified("1025", null), "a@b.org");
        assertEquals(
                List.of(
                        error(
                                "justification",
                                "explain why a Dynamic port will not do (RFC 6335 §8.1.1)")),
                user.errors());
        assertEquals(
                List.of(Track.EXPERT_REVIEW, Track.IETF_REVIEW, Track.IESG_APPROVAL),
                user.allowedTracks());
        assertEquals(Track.EXPERT_REVIEW, user.track());
    }

    @Test
    void aRunAcross1023And1024IsRefused() {
        Assessment a = assess(input("frob", "1023-1024", null, "tcp"), "a@b.org");
        assertEquals(
                List.of(error("port", "a range must lie within one range, System or User")),
                a.errors());
        assertEquals(List.of(), a.allowedTracks());
        assertNull(a.track());
        assertEquals(List.of(), a.warnings());
    }

    @Test
    void port49151IsTheLastUserPortAnd49152TheFirstDynamicOne() {
        Assessment last = assess(input("frob", "49151", null, "tcp"), "a@b.org");
        assertEquals(List.of(), last.errors());
        assertEquals(Track.EXPERT_REVIEW, last.track());
        for (String port : List.of("49152", "65535", "49151-49152")) {
            Assessment a = assess(input("frob", port, null, "tcp"), "a@b.org");
            assertEquals(List.of(error("port", DYNAMIC)), a.errors(), port);
            assertEquals(List.of(), a.allowedTracks(), port);
            assertNull(a.track(), port);
            assertEquals(List.of(), a.suggestions(), port);
        }
    }

    @Test
    void portZeroIsReservedAndNeedsAReason() {
        Assessment a = assess(input("frob", "0", "iesg-approval", "tcp"), "a@b.org");
        assertEquals(
                List.of(
                        error(
                                "reservedReason",
                                "0/tcp is Reserved: say why a Reserved port is appropriate (RFC"
                                        + " 6335 §8.1)")),
                a.errors());
        assertEquals(List.of(Track.STANDARDS_ACTION, Track.IESG_APPROVAL), a.allowedTracks());
        assertEquals(
                "Reserved port: Standards Action or IESG Approval, with a reason (RFC 6335 §8.1)",
                a.policy());
        Assessment withReason =
                assess(
                        with(
                                input("frob", "0", "iesg-approval", "tcp"),
                                "reservedReason",
                                "Port 0 means any port."),
                        "a@b.org");
        assertEquals(List.of(), withReason.errors());
    }

    @Test
    void withNeitherTrackAloneTheRequesterMustChoose() {
        Assessment a = assess(input("frob", "0", null, "tcp"), "a@b.org");
        assertEquals(error("track", "choose Standards Action or IESG Approval"), a.errors().get(1));
        assertNull(a.track());
    }

    @Test
    void aTrackThatDoesNotApplyIsRefusedNamingThoseThatDo() {
        Assessment a = assess(input("frob", null, "iesg-approval", "tcp"), "a@b.org");
        assertEquals(
                List.of(
                        error(
                                "track",
                                "IESG Approval does not apply here; use First Come First Served"
                                        + " or Expert Review")),
                a.errors());
        assertNull(a.track());
        assertEquals("Service name only: First Come First Served (RFC 6335 §8.1.1)", a.policy());
    }

    @Test
    void aRunOfPortsIsAdvisedAgainstButAllowed() {
        Assessment a = assess(input("frob", "4000-4001", null, "tcp"), "a@b.org");
        assertEquals(List.of(), a.errors());
        assertEquals(
                List.of(
                        error(
                                "port",
                                "more than one port is rarely justified: multiplex in-band or use"
                                        + " discovery (RFC 7605 §7.2)")),
                a.warnings());
    }

    @Test
    void aPortTakenOnEachTransportIsAnErrorForEach() {
        Assessment a = assess(input("frob", "80", "iesg-approval", "tcp", "udp"), "a@b.org");
        assertEquals(
                List.of(
                        error("port", "80/tcp is assigned to http: choose a free port"),
                        error("port", "80/udp is assigned to http: choose a free port")),
                a.errors());
    }

    @Test
    void aPortAndARangeToPickFromAreNotBoth() {
        Assessment a =
                assess(with(input("frob", "4000", null, "tcp"), "anyPortIn", "user"), "a@b.org");
        assertEquals(
                List.of(error("port", "give a port, or a range for IANA to pick from, not both")),
                a.errors());
        Assessment range =
                assess(with(input("frob", null, null, "tcp"), "anyPortIn", "user"), "a@b.org");
        assertEquals(List.of(), range.errors());
        assertEquals(Track.EXPERT_REVIEW, range.track());
    }

    @Test
    void dccpSystemPortsNeedIetfReview() {
        Assessment a =
                assess(with(input("frob", "938", null, "dccp"), "serviceCode", "7"), "a@b.org");
        assertEquals(List.of(Track.IETF_REVIEW), a.allowedTracks());
        assertEquals(Track.IETF_REVIEW, a.track());
        assertEquals(
                List.of(
                        error(
                                "ietfDocument",
                                "IETF Review needs the IETF document (RFC or Internet-Draft) that"
                                        + " asks for it")),
                a.errors());
    }

    @Test
    void theEdgesOfTheServiceCodes() {
        RequestInput in = input("frob", "4000", null, "dccp");
        String reserved = "codes 0 and 4294967295 are permanently reserved (RFC 5595)";
        String privateUse = "0x3F000000-0x3FFFFFFF is for private use and never assigned";
        assertEquals(
                List.of(
                        error(
                                "serviceCode",
                                "a DCCP service code is required when DCCP is requested")),
                assess(in, "a@b.org").errors());
        assertEquals(
                List.of(error("serviceCode", reserved)),
                assess(withCode(in, "4294967295"), "a@b.org").errors());
        assertEquals(
                List.of(error("serviceCode", reserved)),
                assess(withCode(in, "0"), "a@b.org").errors());
        assertEquals(List.of(), assess(withCode(in, "1"), "a@b.org").errors());
        assertEquals(List.of(), assess(withCode(in, "4294967294"), "a@b.org").errors());
        assertEquals(List.of(), assess(withCode(in, "1056964607"), "a@b.org").errors());
        assertEquals(
                List.of(error("serviceCode", privateUse)),
                assess(withCode(in, "1056964608"), "a@b.org").errors());
        assertEquals(
                List.of(error("serviceCode", privateUse)),
                assess(withCode(in, "1073741823"), "a@b.org").errors());
        assertEquals(List.of(), assess(withCode(in, "1073741824"), "a@b.org").errors());
        assertEquals(
                List.of(
                        error(
                                "serviceCode",
                                "service code 1145656131 is already registered to discard")),
                assess(withCode(in, "1145656131"), "a@b.org").errors());
        assertEquals(
                List.of(
                        error(
                                "serviceCode",
                                "leave the service code out when DCCP is not requested")),
                assess(withCode(input("frob", "4000", null, "tcp"), "7"), "a@b.org").errors());
    }

    // --- names and fields ------------------------------------------------------------------------

    @Test
    void aNameIsRequired() {
        Assessment a = assess(input(null, "4000", null, "tcp"), "a@b.org");
        assertEquals(List.of(error("serviceName", "is required")), a.errors());
    }

    @Test
    void anotherRequestForTheSameNameIsAWarningButNotThisRequestItself() {
        Assessment a =
                assess(
                        input("frob", "4000", null, "tcp"),
                        "a@b.org",
                        new RequestChecks.OpenRequest(5, "FROB", null, List.of()),
                        new RequestChecks.OpenRequest(0, "frob", null, List.of()),
                        new RequestChecks.OpenRequest(6, null, null, List.of()));
        assertEquals(List.of(), a.errors());
        assertEquals(
                List.of(error("serviceName", "request #5 also asks for the name FROB")),
                a.warnings());
        assertEquals(List.of(5L), a.competing());
    }

    @Test
    void theSameRequestOnItsOwnPortIsNoCompetitor() {
        Assessment a =
                assess(
                        input("frob", "4000", null, "tcp"),
                        "a@b.org",
                        new RequestChecks.OpenRequest(
                                0, "frob", Ports.of(4000), List.of(Transport.TCP)),
                        new RequestChecks.OpenRequest(3, "name-only", null, List.of()));
        assertEquals(List.of(), a.warnings());
        assertEquals(List.of(), a.competing());
    }

    @Test
    void everyAssignmentDescribesItselfAndItsPeople() {
        RequestInput in =
                with(
                        input("frob", "4000", null, "tcp"),
                        "description",
                        " ",
                        "assignee",
                        new Party(" ", null, "ann"),
                        "contact",
                        new Party("Ann", null, null),
                        "reference",
                        null,
                        "castStatement",
                        null);
        assertEquals(
                List.of(
                        error("description", "is required: a short description of the service"),
                        error("assignee.name", "is required"),
                        error("assignee.email", "\"ann\" is not an email address"),
                        error("contact.email", "is required"),
                        error(
                                "reference",
                                "describe the protocol or point to a document that does (RFC 6335"
                                        + " §8.1.1)"),
                        error(
                                "castStatement",
                                "say whether IP broadcast, multicast or anycast is used (RFC 6335"
                                        + " §8.1.1)")),
                assess(in, "a@b.org").errors());
    }

    @Test
    void aTransportIsRequired() {
        Assessment a = assess(input("frob", null, null), "a@b.org");
        assertEquals(
                List.of(
                        error(
                                "transports",
                                "choose at least one transport: tcp, udp, sctp or dccp")),
                a.errors());
    }

    // --- early allocations (RFC 7120) ------------------------------------------------------------

    private static RequestInput early(String port, String draft, String chair) {
        return with(
                input("frob", port, "expert-review", "tcp"),
                "kind",
                "early-allocation",
                "reference",
                null,
                "ietfDocument",
                draft,
                "chairStatement",
                chair,
                "systemJustification",
                null,
                "stableSpecification",
                null);
    }

    @Test
    void anEarlyAllocationIsOfAPortForADraftAskedForByTheChair() {
        Assessment a = assess(early("4000", "draft-ietf-frob-02", "The WG chair asks."), "a@b.org");
        assertEquals(List.of(), a.errors());
        assertEquals(Track.EXPERT_REVIEW, a.track());
        // The port is checked as for any new assignment.
        assertEquals(
                List.of(
                        error("port", "80/tcp is assigned to http: choose a free port"),
                        error(
                                "track",
                                "Expert Review does not apply here; use IETF Review or IESG"
                                        + " Approval")),
                assess(early("80", "draft-ietf-frob-02", "The WG chair asks."), "a@b.org")
                        .errors());
        assertEquals(
                List.of(
                        error(
                                "port",
                                "an early allocation is of a System or User port: give one, or a"
                                        + " range"),
                        error(
                                "ietfDocument",
                                "name the Internet-Draft (draft-...) that needs the port"),
                        error(
                                "chairStatement",
                                "the working group chair asks for an early allocation (RFC 7120"
                                        + " §2): say who and that the working group agrees")),
                assess(early(null, null, null), "a@b.org").errors());
        assertEquals(
                List.of(
                        error(
                                "ietfDocument",
                                "an early allocation is for an Internet-Draft not yet published"
                                        + " (draft-...); for an RFC ask for a new assignment")),
                assess(early("4000", "RFC 9999", "The chair asks."), "a@b.org").errors());
        assertEquals(
                List.of(),
                assess(early("4000", "Draft-IETF-Frob-02", "The chair asks."), "a@b.org").errors());
    }

    @Test
    void anEarlyAllocationIsRenewedOnceBeforeItExpires() {
        Assessment a = assess(about("early-renewal", "early-a"), OWNER);
        assertEquals(List.of(), a.errors());
        assertEquals(Track.IESG_APPROVAL, a.track());
        assertEquals(
                "An early allocation is extended once, by a year, when the IESG approves (RFC 7120"
                        + " §3.3)",
                a.policy());
        assertEquals(
                List.of(
                        error(
                                "targetService",
                                "it was extended on 2026-01-05; RFC 7120 §3.3 allows one"
                                        + " extension")),
                assess(about("early-renewal", "early-b"), OWNER).errors());
        assertEquals(
                List.of(error("targetService", "the early allocation expired on 2025-01-10")),
                assess(about("early-renewal", "early-c"), OWNER).errors());
        assertEquals(
                List.of(error("targetService", "rndc is not an early allocation")),
                assess(about("early-renewal", "rndc"), OWNER).errors());
    }

    @Test
    void anEarlyAllocationIsMadePermanentWithItsRfc() {
        Assessment a = assess(about("make-permanent", "early-b", "reference", "RFC 9999"), OWNER);
        assertEquals(List.of(), a.errors());
        assertEquals(Track.FCFS, a.track());
        assertEquals(
                "When its document is published, IANA makes the early allocation permanent with"
                        + " the RFC as its reference (RFC 7120 §3.2)",
                a.policy());
        FieldError cite =
                error("reference", "cite the RFC the document was published as (RFC 1234)");
        assertEquals(List.of(cite), assess(about("make-permanent", "early-a"), OWNER).errors());
        assertEquals(
                List.of(cite),
                assess(about("make-permanent", "early-a", "reference", "draft-ietf-frob-02"), OWNER)
                        .errors());
    }

    // --- kinds that act on a registered service
    // ----------------------------------------------------

    @Test
    void aRequestAboutAServiceNamesARegisteredOne() {
        assertEquals(
                List.of(
                        error(
                                "targetService",
                                "name the registered service this request is about")),
                assess(about("de-assign", null), OWNER).errors());
        assertEquals(
                List.of(error("targetService", "no service named \"nosuch\" is registered")),
                assess(about("de-assign", "nosuch"), OWNER).errors());
    }

    @Test
    void theAssigneeDeAssignsAServiceWithAPort() {
        Assessment a = assess(about("de-assign", "rndc"), OWNER);
        assertEquals(List.of(), a.errors());
        assertEquals(Track.FCFS, a.track());
        assertEquals(
                "De-assignment by the assignee: IANA checks and marks the port Reserved (RFC 6335"
                        + " §8.2)",
                a.policy());
        assertEquals(
                List.of(error("targetService", "frobd has no port to give back")),
                assess(about("de-assign", "frobd"), OWNER).errors());
        assertEquals(
                List.of(
                        error(
                                "targetService",
                                "only the Assignee or the Contact of rndc may ask for this: your"
                                        + " account's verified email address must be theirs, or"
                                        + " an operator must link your account to them")),
                assess(about("de-assign", "rndc"), "ann@example.org").errors());
    }

    @Test
    void onlyTheOperatorRevokesAndSaysWhy() {
        Assessment refused = assess(about("revoke", "rndc"), "ann@example.org");
        assertEquals(
                List.of(
                        error("kind", "only the IANA operator starts a revocation (RFC 6335 §8.4)"),
                        error("notes", "say why the assignment should be revoked")),
                refused.errors());
        assertEquals(List.of(Track.IESG_APPROVAL), refused.allowedTracks());
        Assessment a =
                assess(
                        about("revoke", "rndc", "notes", "Unused for years."),
                        new RequestChecks.Requester("iana@example.org", Set.of(), false),
                        true);
        assertEquals(List.of(), a.errors());
        assertEquals(Track.IESG_APPROVAL, a.track());
        assertEquals(
                "Revocation: a four-week community call, then an IESG decision (RFC 6335 §8.4)",
                a.policy());
        assertEquals(
                List.of(error("targetService", "frobd has no port to give back")),
                assess(
                                about("revoke", "frobd", "notes", "Unused."),
                                new RequestChecks.Requester(null, Set.of(), false),
                                true)
                        .errors());
    }

    @Test
    void holdingOneEntryOfANameIsNotHoldingTheOthers() {
        assertEquals(
                List.of(
                        error(
                                "targetService",
                                "split also has entries you do not hold: 963/udp (IESG"
                                        + " <iesg@ietf.org>). A request may change only entries"
                                        + " you hold; ask IANA")),
                assess(about("de-assign", "split"), OWNER).errors());
    }

    @Test
    void theIesgsEntriesChangeOnlyByBallot() {
        RequestChecks.Requester member =
                new RequestChecks.Requester("ines@example.org", Set.of(), true);
        Assessment a = assess(about("modify", "http", "description", "The Web"), member, false);
        assertEquals(List.of(), a.errors());
        assertEquals(List.of(Track.IESG_APPROVAL), a.allowedTracks());
        assertEquals(Track.IESG_APPROVAL, a.track());
        assertEquals(
                "Entries of the IESG or the IETF Chair change only through the IESG: an IESG"
                        + " ballot (IESG Approval)",
                a.policy());
        assertEquals(
                List.of(
                        error(
                                "targetService",
                                "only the Assignee or the Contact of http may ask for this: your"
                                        + " account's verified email address must be theirs, or"
                                        + " an operator must link your account to them (entries"
                                        + " of the IESG or the IETF Chair: an IESG member asks,"
                                        + " and the IESG ballots)")),
                assess(about("modify", "http", "description", "The Web"), "ann@example.org")
                        .errors());
    }

    @Test
    void aModificationChangesTheDescriptionOrTheContact() {
        Assessment a = assess(about("modify", "rndc", "description", "BIND 9 control"), OWNER);
        assertEquals(List.of(), a.errors());
        assertEquals(Track.FCFS, a.track());
        assertEquals(
                "Description and contact changes are handled by IANA (RFC 6335 §8.6)", a.policy());
        FieldError nothing =
                error("description", "change the description or the contact (or both)");
        assertEquals(
                List.of(nothing),
                assess(
                                about(
                                        "modify",
                                        "rndc",
                                        "description",
                                        "BIND9 remote name daemon controller"),
                                OWNER)
                        .errors());
        assertEquals(List.of(nothing), assess(about("modify", "rndc"), OWNER).errors());
        // The same contact, known by address: no change either.
        assertEquals(
                List.of(nothing),
                assess(about("modify", "rndc", "contact", new Party("O", null, OWNER)), OWNER)
                        .errors());
        Assessment newContact =
                assess(
                        about(
                                "modify",
                                "rndc",
                                "contact",
                                new Party("Bea Example", null, "bea@example.org")),
                        OWNER);
        assertEquals(List.of(), newContact.errors());
        assertEquals(
                List.of(error("contact.email", "\"bea\" is not an email address")),
                assess(about("modify", "rndc", "contact", new Party("Bea", null, "bea")), OWNER)
                        .errors());
        // The same assignee, named as the registry names it: allowed.
        assertEquals(
                List.of(),
                assess(
                                about(
                                        "modify",
                                        "rndc",
                                        "description",
                                        "BIND 9 control",
                                        "assignee",
                                        new Party("Owner", null, null)),
                                OWNER)
                        .errors());
    }

    @Test
    void anotherTransportIsCheckedOnTheServicesPorts() {
        RequestInput tcp = about("add-transport", "rndc", "transports", List.of("tcp"));
        assertEquals(
                List.of(error("transports", "rndc is already registered on tcp")),
                assess(tcp, OWNER).errors());
        RequestInput sctp = about("add-transport", "rndc", "transports", List.of("sctp"));
        assertEquals(
                List.of(error("transports", "953/sctp is assigned to sctpx")),
                assess(sctp, OWNER).errors());
        RequestInput none = about("add-transport", "rndc", "transports", List.of());
        assertEquals(
                List.of(error("transports", "choose the transports to add")),
                assess(none, OWNER).errors());
        RequestInput dccp = about("add-transport", "rndc", "transports", List.of("dccp"));
        assertEquals(
                List.of(
                        error(
                                "serviceCode",
                                "a DCCP service code is required when DCCP is requested")),
                assess(dccp, OWNER).errors());
        Assessment udp =
                assess(
                        about("add-transport", "rndc", "transports", List.of("udp")),
                        new RequestChecks.Requester(OWNER, Set.of(), false),
                        false,
                        new RequestChecks.OpenRequest(
                                4, "other", Ports.parse("950-960"), List.of(Transport.UDP)),
                        new RequestChecks.OpenRequest(
                                5, "tcp-only", Ports.of(953), List.of(Transport.TCP)));
        assertEquals(List.of(), udp.errors());
        assertEquals(
                List.of(
                        error(
                                "port",
                                "request #4 also asks for 950-960/udp; the first to be completed"
                                        + " gets it")),
                udp.warnings());
        assertEquals(List.of(4L), udp.competing());
        assertEquals(
                "Another transport for an existing assignment: Expert Review (RFC 6335 §8.1)",
                udp.policy());
    }
}
