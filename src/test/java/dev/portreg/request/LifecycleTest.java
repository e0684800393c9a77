package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.account.Account;
import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the lifecycle table against a table written out here, independently of the code:
 * for each action and state, who may take it there and what everyone else is told.
 */
class LifecycleTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /**
     * Per action, the states where it is open ("state") or the decider's but done another way
     * ("state!"). Absent states: the action has no place there.
     */
    private static final Map<Action, String> TABLE =
            Map.ofEntries(
                    Map.entry(Action.EDIT, "draft changes-requested"),
                    Map.entry(Action.SUBMIT, "draft changes-requested"),
                    Map.entry(
                            Action.WITHDRAW,
                            "draft changes-requested expert-review iesg-evaluation iana-review"
                                    + " community-call"),
                    Map.entry(Action.APPROVE, "expert-review iesg-evaluation! iana-review!"),
                    Map.entry(Action.REQUEST_CHANGES, "expert-review iesg-evaluation iana-review"),
                    Map.entry(Action.REJECT, "expert-review iesg-evaluation iana-review approved"),
                    Map.entry(Action.BALLOT, "iesg-evaluation"),
                    Map.entry(Action.END_CALL, "community-call"),
                    Map.entry(Action.COMPLETE, "iana-review approved"),
                    Map.entry(Action.TAKE, "expert-review"),
                    Map.entry(
                            Action.REPLY,
                            "expert-review iesg-evaluation iana-review community-call"
                                    + " changes-requested approved"));

    /** Who decides in each state, written out. */
    private static final Map<RequestState, Decider> DECIDERS =
            Map.of(
                    RequestState.DRAFT, Decider.REQUESTER,
                    RequestState.CHANGES_REQUESTED, Decider.REQUESTER,
                    RequestState.EXPERT_REVIEW, Decider.EXPERT,
                    RequestState.IESG_EVALUATION, Decider.IESG,
                    RequestState.IANA_REVIEW, Decider.IANA,
                    RequestState.COMMUNITY_CALL, Decider.IANA,
                    RequestState.APPROVED, Decider.IANA,
                    RequestState.COMPLETED, Decider.NOBODY,
                    RequestState.REJECTED, Decider.NOBODY,
                    RequestState.WITHDRAWN, Decider.NOBODY);

    /** "open", "refused" or "none". */
    private static String expected(Action a, RequestState s) {
        for (String cell : TABLE.get(a).split(" ")) {
            if (cell.equals(s.slug())) {
                return "open";
            }
            if (cell.equals(s.slug() + "!")) {
                return "refused";
            }
        }
        return "none";
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Action a : Action.values()) {
            for (RequestState s : RequestState.values()) {
                out.add(Arguments.of(a, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cells")
    void theCellIsAsWritten(Action a, RequestState s) {
        String cell = Lifecycle.cell(a, s).map(c -> c.open() ? "open" : "refused").orElse("none");
        assertEquals(expected(a, s), cell);
    }

    /**
     * The one who takes the action there (the requester, or a holder of the state's decider role on
     * someone else's request) may when the cell is open; is told 409 otherwise.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cells")
    void theRightPersonMayExactlyWhereTheCellIsOpen(Action a, RequestState s) {
        Account requester = account(1, Roles.REQUESTER);
        PortRequest r = request(requester, s);
        String cell = expected(a, s);
        boolean theirs = a.requesters() || a.taker == Action.Taker.PARTICIPANT;
        Account actor = theirs ? requester : deciderFor(s, a, cell);
        Optional<ProblemException> refusal = Lifecycle.refusal(a, actor, r, NOW);
        if (!theirs && s == RequestState.DRAFT) {
            assertEquals(404, refusal.orElseThrow().status()); // a draft is its requester's alone
        } else if (cell.equals("open")) {
            assertEquals(Optional.empty(), refusal.map(ProblemException::getMessage));
        } else {
            assertEquals(409, refusal.orElseThrow().status(), refusal.get().getMessage());
        }
    }

    /** Someone with no role on another's request: 404 (they cannot see it). */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cells")
    void strangersAreToldItDoesNotExist(Action a, RequestState s) {
        PortRequest r = request(account(1, Roles.REQUESTER), s);
        Account stranger = account(2, Roles.REQUESTER);
        assertEquals(404, Lifecycle.refusal(a, stranger, r, NOW).orElseThrow().status());
    }

    /** A decider's action on one's own request, where it is open: 403, even with the role. */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cells")
    void nobodyDecidesTheirOwnRequest(Action a, RequestState s) {
        if (a.taker != Action.Taker.INDEPENDENT_DECIDER || expected(a, s).equals("none")) {
            return;
        }
        Account own = account(1, Roles.REQUESTER, Roles.EXPERT, Roles.IESG, Roles.IANA);
        PortRequest r = request(own, s);
        assertEquals(403, Lifecycle.refusal(a, own, r, NOW).orElseThrow().status());
    }

    /** The requester's actions on someone else's request, by an operator who sees it: 403. */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cells")
    void onlyTheRequesterTakesTheirActions(Action a, RequestState s) {
        if (!a.requesters() || s == RequestState.DRAFT) {
            return; // nobody else sees a draft: 404, above
        }
        PortRequest r = request(account(1, Roles.REQUESTER), s);
        Account operator = account(2, Roles.REQUESTER, Roles.IANA);
        assertEquals(403, Lifecycle.refusal(a, operator, r, NOW).orElseThrow().status());
    }

    /** Where the cell is open, a holder of another reviewer role only is refused with 403. */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cells")
    void anotherRoleIsForbidden(Action a, RequestState s) {
        if (a.requesters()
                || a.taker == Action.Taker.PARTICIPANT
                || expected(a, s).equals("none")) {
            return;
        }
        PortRequest r = request(account(1, Roles.REQUESTER), s);
        // The operator sees everything; every other reviewer role is the wrong one somewhere.
        for (String role : List.of(Roles.EXPERT, Roles.IESG, Roles.IANA)) {
            if (role.equals(Lifecycle.takerRole(a, s))) {
                continue;
            }
            Account other = account(3, Roles.REQUESTER, role);
            if (!Lifecycle.visible(other, r)) {
                continue;
            }
            // ... except a reviewer deciding again what they approved: it moved past them (409).
            int expected = a.decision() && s == RequestState.APPROVED ? 409 : 403;
            assertEquals(
                    expected,
                    Lifecycle.refusal(a, other, r, NOW).orElseThrow().status(),
                    a + " " + role);
        }
    }

    @Test
    void theOperatorWhoStartedARevocationEndsItsCall() {
        Account operator = account(1, Roles.REQUESTER, Roles.IANA);
        PortRequest r = request(operator, RequestState.COMMUNITY_CALL);
        assertTrue(Lifecycle.refusal(Action.END_CALL, operator, r, NOW).isEmpty());
    }

    @Test
    void everyStateSaysWhoDecides() {
        for (RequestState s : RequestState.values()) {
            assertEquals(DECIDERS.get(s), s.decider(), s.name());
        }
    }

    @Test
    void queuesShowWhatTheirRoleDecidesOrFollows() {
        assertEquals(List.of(RequestState.EXPERT_REVIEW), Lifecycle.queue(Roles.EXPERT));
        assertEquals(
                List.of(RequestState.IESG_EVALUATION, RequestState.COMMUNITY_CALL),
                Lifecycle.queue(Roles.IESG));
        assertEquals(
                List.of(
                        RequestState.IANA_REVIEW,
                        RequestState.COMMUNITY_CALL,
                        RequestState.APPROVED),
                Lifecycle.queue(Roles.IANA));
        assertEquals(List.of(), Lifecycle.queue(Roles.REQUESTER));
        assertEquals(List.of(), Lifecycle.queue(null));
    }

    @Test
    void submissionWaitsWithTheTracksReviewerOrInTheCommunityCall() {
        assertEquals(
                RequestState.IANA_REVIEW,
                Lifecycle.submittedTo(RequestKind.NEW_ASSIGNMENT, Track.FCFS));
        assertEquals(
                RequestState.EXPERT_REVIEW,
                Lifecycle.submittedTo(RequestKind.ADD_TRANSPORT, Track.EXPERT_REVIEW));
        for (Track t : List.of(Track.IETF_REVIEW, Track.IESG_APPROVAL, Track.STANDARDS_ACTION)) {
            assertEquals(
                    RequestState.IESG_EVALUATION,
                    Lifecycle.submittedTo(RequestKind.NEW_ASSIGNMENT, t));
        }
        assertEquals(
                RequestState.COMMUNITY_CALL,
                Lifecycle.submittedTo(RequestKind.REVOKE, Track.IESG_APPROVAL));
    }

    @Test
    void onlyTheOperatorStartsARevocation() {
        assertTrue(Lifecycle.mayStart(RequestKind.REVOKE, account(1, Roles.IANA)));
        assertEquals(
                false,
                Lifecycle.mayStart(RequestKind.REVOKE, account(1, Roles.IESG, Roles.EXPERT)));
        for (RequestKind k : RequestKind.values()) {
            if (k != RequestKind.REVOKE) {
                assertTrue(Lifecycle.mayStart(k, account(1, Roles.REQUESTER)), k.slug);
            }
        }
    }

    @Test
    void submittingNeedsAVerifiedAddress() {
        Account requester = account(1, Roles.REQUESTER);
        requester.emailVerifiedAt = null;
        PortRequest r = request(requester, RequestState.DRAFT);
        assertEquals(
                403, Lifecycle.refusal(Action.SUBMIT, requester, r, NOW).orElseThrow().status());
        assertTrue(Lifecycle.refusal(Action.EDIT, requester, r, NOW).isEmpty());
    }

    @Test
    void aCommunityCallEndsAfterItsFourWeeks() {
        PortRequest r = request(account(1, Roles.REQUESTER), RequestState.COMMUNITY_CALL);
        Account operator = account(2, Roles.IANA);
        r.callEndsAt = NOW.plusSeconds(1);
        assertEquals(
                409, Lifecycle.refusal(Action.END_CALL, operator, r, NOW).orElseThrow().status());
        r.callEndsAt = NOW;
        assertTrue(Lifecycle.refusal(Action.END_CALL, operator, r, NOW).isEmpty());
    }

    @Test
    void visibilityFollowsTheTracksReviewer() {
        Account requester = account(1, Roles.REQUESTER);
        Account expert = account(2, Roles.EXPERT);
        Account iesg = account(3, Roles.IESG);
        Account iana = account(4, Roles.IANA);
        PortRequest draft = request(requester, RequestState.DRAFT);
        assertTrue(Lifecycle.visible(requester, draft));
        for (Account a : List.of(expert, iesg, iana)) {
            assertEquals(false, Lifecycle.visible(a, draft));
        }
        PortRequest r = request(requester, RequestState.EXPERT_REVIEW);
        assertTrue(Lifecycle.visible(expert, r));
        assertEquals(false, Lifecycle.visible(iesg, r));
        assertTrue(Lifecycle.visible(iana, r));
        r.track = Track.IETF_REVIEW;
        assertEquals(false, Lifecycle.visible(expert, r));
        assertTrue(Lifecycle.visible(iesg, r));
        r.track = Track.FCFS;
        assertEquals(false, Lifecycle.visible(expert, r));
        assertEquals(false, Lifecycle.visible(iesg, r));
        assertEquals(false, Lifecycle.visible(null, r));
    }

    @Test
    void allowedListsTheOpenCells() {
        Account requester = account(1, Roles.REQUESTER);
        assertEquals(
                List.of(Action.EDIT, Action.SUBMIT, Action.WITHDRAW),
                Lifecycle.allowed(requester, request(requester, RequestState.DRAFT), NOW));
        PortRequest approved = request(requester, RequestState.APPROVED);
        assertEquals(
                List.of(Action.REJECT, Action.COMPLETE, Action.REPLY),
                Lifecycle.allowed(account(2, Roles.IANA), approved, NOW));
        assertEquals(List.of(Action.REPLY), Lifecycle.allowed(requester, approved, NOW));
    }

    /** An IESG-track request is rejected by the IESG as recorded by an operator, not a member. */
    @Test
    void onTheIesgTrackTheOperatorRecordsTheRejection() {
        Account requester = account(1, Roles.REQUESTER);
        PortRequest r = request(requester, RequestState.IESG_EVALUATION);
        r.track = Track.IESG_APPROVAL;
        Account member = account(2, Roles.IESG);
        assertEquals(
                List.of(Action.REQUEST_CHANGES, Action.BALLOT, Action.REPLY),
                Lifecycle.allowed(member, r, NOW));
        assertEquals(403, Lifecycle.refusal(Action.REJECT, member, r, NOW).orElseThrow().status());
        assertEquals(
                List.of(Action.REJECT, Action.REPLY),
                Lifecycle.allowed(account(3, Roles.IANA), r, NOW));
        assertEquals(java.util.Set.of(Roles.EXPERT, Roles.IANA), Lifecycle.deciders(Action.REJECT));
    }

    // --- builders
    // ---------------------------------------------------------------------------------

    private static Account account(long id, String... roles) {
        Account a = new Account();
        a.id = id;
        a.username = "user" + id;
        a.email = "user" + id + "@example.org";
        a.emailVerifiedAt = NOW.minusSeconds(3600);
        a.roles.addAll(List.of(roles));
        return a;
    }

    /** A request in {@code s}, on a track its decider reviews. */
    private static PortRequest request(Account requester, RequestState s) {
        PortRequest r = new PortRequest();
        r.id = 7L;
        r.requester = requester;
        r.state = s;
        r.kind = s == RequestState.COMMUNITY_CALL ? RequestKind.REVOKE : RequestKind.NEW_ASSIGNMENT;
        r.track =
                switch (s) {
                    case DRAFT -> null;
                    case IESG_EVALUATION, COMMUNITY_CALL -> Track.IETF_REVIEW;
                    case IANA_REVIEW -> Track.FCFS;
                    case EXPERT_REVIEW,
                            CHANGES_REQUESTED,
                            APPROVED,
                            COMPLETED,
                            REJECTED,
                            WITHDRAWN ->
                            Track.EXPERT_REVIEW;
                };
        r.callEndsAt = s == RequestState.COMMUNITY_CALL ? NOW.minusSeconds(1) : null;
        return r;
    }

    /**
     * A holder of the role that decides {@code s}; where {@code a} has no place in {@code s}, an
     * operator (who sees every submitted request) who also holds every role that takes {@code a}
     * elsewhere, so that only the state can refuse.
     */
    private static Account deciderFor(RequestState s, Action a, String cell) {
        if (!cell.equals("none")) {
            return account(2, Roles.REQUESTER, Lifecycle.takerRole(a, s));
        }
        Account any = account(2, Roles.REQUESTER, Roles.IANA);
        any.roles.addAll(Lifecycle.deciders(a));
        return any;
    }
}
