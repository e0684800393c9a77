package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.FormSession;
import dev.portreg.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request pages through a signed-in browser session: forms, actions, ballots and queues. */
@QuarkusTest
class RequestPagesTest {

    private static final Pattern CREATED = Pattern.compile("/requests/(\\d+)\\?done=created$");

    @Inject RequestFixtures fixtures;
    @Inject TestClock clock;

    @BeforeEach
    void registry() {
        fixtures.sampleRegistry();
    }

    @AfterEach
    void time() {
        clock.reset();
        fixtures.retireIesg();
    }

    // --- access ----------------------------------------------------------------------------------

    @Test
    void anonymousVisitorsAreSentToSignIn() {
        FormSession anonymous = new FormSession();
        for (String path :
                List.of("/requests", "/requests/new", "/requests/1", "/queues", "/queues/iesg")) {
            anonymous
                    .get(path)
                    .then()
                    .statusCode(302)
                    .header("Location", startsWith("/login?next="));
        }
    }

    @Test
    void theNavOffersWhatTheAccountHolds() {
        FormSession requester = signIn(fixtures.account());
        String page = requester.get("/requests").then().statusCode(200).extract().asString();
        assertTrue(page.contains("href=\"/requests\" aria-current=\"page\">My requests"), page);
        assertFalse(page.contains("href=\"/queues\""), "no queue for a requester");
        assertFalse(page.contains("href=\"/admin/import\""));
        assertTrue(
                page.contains(
                        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Registry"
                                + " changes\" href=\"/changes.atom\">"));

        FormSession operator = signIn(fixtures.account("iana"));
        operator.get("/requests")
                .then()
                .body(containsString("href=\"/queues\""))
                .body(containsString("href=\"/admin/import\""))
                .body(containsString("href=\"/admin/accounts\""))
                .body(containsString("href=\"/changes\""));
    }

    // --- the draft form --------------------------------------------------------------------------

    @Test
    void theFormShowsTheTrackFor938BeforeAnythingIsSubmitted() {
        FormSession s = signIn(fixtures.account());
        String page =
                s.get("/requests/new?port=938&transports=tcp,udp")
                        .then()
                        .statusCode(200)
                        .header("Cache-Control", "no-store")
                        .body(containsString("System port: IETF Review or IESG Approval"))
                        .body(containsString("id=\"f-port\" name=\"port\" value=\"938\""))
                        .body(containsString("value=\"tcp\" checked"))
                        .body(containsString("value=\"udp\" checked"))
                        .body(not(containsString("value=\"sctp\" checked")))
                        .extract()
                        .asString();
        // Only the tracks a System port allows are offered.
        assertTrue(page.contains("name=\"track\" value=\"ietf-review\""), page);
        assertTrue(page.contains("name=\"track\" value=\"iesg-approval\""), page);
        assertFalse(page.contains("name=\"track\" value=\"expert-review\""), page);
        // System ports need both justifications and a stable specification: shown, not hidden.
        assertTrue(page.contains("data-group=\"systemJustification\">"), page);
        assertTrue(page.contains("data-group=\"stableSpecification\">"), page);
        // The DCCP service code only shows once DCCP is ticked.
        assertTrue(page.contains("data-groups=\"serviceCode\" hidden"), page);
        // Revocations are for operators.
        assertFalse(page.contains("value=\"revoke\""), page);
        assertTrue(page.contains("value=\"transfer\""), "the transfer option explains §8.5");
    }

    @Test
    void checkAssessesTheFormAndSavesNothing() {
        String user = fixtures.account();
        FormSession s = signIn(user);
        s.get("/requests/new");
        String page =
                post(s, "/requests/check", form(RequestFixtures.name(), "938", "iesg-approval"))
                        .then()
                        .statusCode(200)
                        .body(containsString("Nothing blocks submission"))
                        .body(containsString("What the registry would get"))
                        .body(containsString("IESG Approval"))
                        .extract()
                        .asString();
        assertEquals(2, count(page, "class=\"badge st-assigned\""), "938/tcp and 938/udp");
        assertEquals(2, count(page, "class=\"badge st-reserved\""), "938/sctp and 938/dccp");
        assertEquals(0, mine(user), "Check saved nothing");
    }

    @Test
    void checkOnATakenPortSuggestsFreeOnesThatRefillTheForm() {
        FormSession s = signIn(fixtures.account());
        s.get("/requests/new");
        String page =
                post(s, "/requests/check", form(RequestFixtures.name(), "953", "iesg-approval"))
                        .then()
                        .statusCode(200)
                        .body(containsString("953/tcp is assigned to rndc"))
                        .extract()
                        .asString();
        Matcher m = Pattern.compile("name=\"usePort\" value=\"(\\d+)\"").matcher(page);
        assertTrue(m.find(), page);
        String suggested = m.group(1);
        Map<String, Object> again = form(RequestFixtures.name(), "953", "iesg-approval");
        again.put("usePort", suggested);
        post(s, "/requests/check", again)
                .then()
                .statusCode(200)
                .body(containsString("name=\"port\" value=\"" + suggested + "\""))
                .body(not(containsString("is assigned to rndc")));
    }

    @Test
    void theAssessmentFragmentIsThePanelAlone() {
        FormSession s = signIn(fixtures.account());
        s.get("/requests/new");
        Map<String, Object> f = form(RequestFixtures.name(), "40002", null);
        f.put("transports", List.of("dccp"));
        post(s, "/requests/assessment", f)
                .then()
                .statusCode(200)
                .body(containsString("id=\"assessment-box\""))
                .body(containsString("User port: Expert Review"))
                .body(containsString("A DCCP service code is required"))
                .body(matchesPattern("(?s).*data-visible=\"[^\"]*serviceCode[^\"]*\".*"))
                .body(not(containsString("<html")));
    }

    @Test
    void saveCreatesADraftAndShowsIt() {
        String user = fixtures.account();
        FormSession s = signIn(user);
        s.get("/requests/new?port=938");
        String name = RequestFixtures.name();
        Response r = post(s, "/requests", form(name, "938", "iesg-approval"));
        assertEquals(303, r.statusCode());
        long id = createdId(r);
        s.get("/requests/" + id + "?done=created")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body(containsString("Draft saved"))
                .body(containsString("<h1>Request #" + id + "</h1>"))
                .body(containsString("class=\"badge rq rq-draft\""))
                .body(containsString(name))
                .body(containsString("action=\"/requests/" + id + "/submit\""))
                .body(containsString("Created the draft"));
        assertEquals(1, mine(user));
        s.get("/requests").then().body(containsString("href=\"/requests/" + id + "\""));
    }

    @Test
    void badInputComesBackWithMessagesBesideTheFieldsAndTheValues() {
        String user = fixtures.account();
        FormSession s = signIn(user);
        s.get("/requests/new");
        String name = RequestFixtures.name();
        Map<String, Object> f = form(name, "abc", "iesg-approval");
        f.put("serviceCode", "zz");
        String page =
                post(s, "/requests", f)
                        .then()
                        .statusCode(422)
                        .body(containsString("id=\"f-port-error\""))
                        .body(containsString("id=\"f-serviceCode-error\""))
                        .body(containsString("must be a number, decimal or hexadecimal"))
                        .body(containsString("name=\"port\" value=\"abc\""))
                        .body(containsString("value=\"" + name + "\""))
                        .body(containsString("value=\"Frobnication protocol\""))
                        .body(containsString("value=\"ann@example.org\""))
                        .extract()
                        .asString();
        assertTrue(page.contains("aria-invalid=\"true\""), page);
        assertEquals(0, mine(user), "nothing was saved");

        Map<String, Object> transfer = form(name, "938", null);
        transfer.put("kind", "transfer");
        post(s, "/requests", transfer)
                .then()
                .statusCode(422)
                .body(containsString("Transfers are not allowed"))
                .body(containsString("id=\"f-kind-error\""));
        assertEquals(0, mine(user));
    }

    @Test
    void aSpecificPortWithoutANumberIsRefusedRatherThanReadAsANameOnly() {
        String user = fixtures.account();
        FormSession s = signIn(user);
        s.get("/requests/new")
                .then()
                .body(containsString("Type a port number or range, choose a range"));
        Map<String, Object> f = form(RequestFixtures.name(), "", null);
        post(s, "/requests", f)
                .then()
                .statusCode(422)
                .body(containsString("id=\"f-port-error\""))
                .body(containsString("Type a port number or range"));
        assertEquals(0, mine(user));
        f.put("portChoice", "none");
        createdId(post(s, "/requests", f));
        assertEquals(1, mine(user));
    }

    @Test
    void aDerivedTrackLeftAsItWasFollowsThePort() {
        String user = fixtures.account();
        FormSession s = signIn(user);
        s.get("/requests/new");
        String name = RequestFixtures.name();
        String page =
                post(s, "/requests/check", form(name, "40011", null))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        // Expert Review is derived for a User port: preselected, and remembered as derived.
        assertTrue(page.contains("name=\"track\" value=\"expert-review\" checked"), page);
        assertTrue(page.contains("name=\"trackDerived\" value=\"expert-review\""), page);

        Map<String, Object> f = form(name, "40011", "expert-review");
        f.put("trackDerived", "expert-review");
        long id = createdId(post(s, "/requests", f));
        as(user).get("/api/v1/requests/" + id)
                .then()
                .body("content.track", equalTo(null))
                .body("assessment.track", equalTo("expert-review"));

        // The port moves to the System range: the untouched track does not stand in the way.
        Map<String, Object> system = form(name, "938", "expert-review");
        system.put("trackDerived", "expert-review");
        post(s, "/requests/check", system)
                .then()
                .statusCode(200)
                .body(not(containsString("Expert Review does not apply here")))
                .body(containsString("Choose IETF Review or IESG Approval"));
        // Chosen on purpose, it is kept and checked.
        post(s, "/requests/check", form(name, "938", "expert-review"))
                .then()
                .body(containsString("Expert Review does not apply here"));
    }

    @Test
    void submittingAnIncompleteDraftShowsWhatIsMissing() {
        String user = fixtures.account();
        FormSession s = signIn(user);
        s.get("/requests/new");
        Map<String, Object> f = new HashMap<>();
        f.put("kind", "new-assignment");
        f.put("serviceName", RequestFixtures.name());
        f.put("portChoice", "port");
        f.put("port", "40003");
        f.put("transports", List.of("tcp"));
        long id = createdId(post(s, "/requests", f));
        String version = version(s.get("/requests/" + id).asString());
        post(s, "/requests/" + id + "/submit", Map.of("version", version))
                .then()
                .statusCode(422)
                .body(containsString("The request cannot be submitted yet"))
                .body(containsString("id=\"f-description-error\""))
                .body(containsString("Description is required"))
                .body(containsString("id=\"f-assigneeEmail-error\""))
                .body(containsString("action=\"/requests/" + id + "/edit\""));
        as(user).get("/api/v1/requests/" + id).then().body("status", equalTo("draft"));
    }

    @Test
    void editThenSaveAndSubmitRecordsTheChangeAndSubmits() {
        String user = fixtures.account();
        FormSession s = signIn(user);
        s.get("/requests/new");
        String name = RequestFixtures.name();
        long id = createdId(post(s, "/requests", form(name, "40004", null)));
        String loaded =
                s.get("/requests/" + id + "/edit")
                        .then()
                        .statusCode(200)
                        .body(containsString("<h1>Edit request #" + id + "</h1>"))
                        .body(containsString("value=\"" + name + "\""))
                        .extract()
                        .asString();
        String version = version(loaded);
        Map<String, Object> f = form(name, "40004", "expert-review");
        f.put("description", "Frobnication, second edition");
        f.put("version", version);
        f.put("action", "submit");
        post(s, "/requests/" + id + "/edit", f)
                .then()
                .statusCode(303)
                .header("Location", endsWith("/requests/" + id + "?done=submitted"));
        s.get("/requests/" + id + "?done=submitted")
                .then()
                .body(containsString("Submitted: the request now waits"))
                .body(containsString("class=\"badge rq rq-expert-review\""))
                .body(containsString("Edited the request"))
                .body(containsString("<ins>Frobnication, second edition</ins>"))
                .body(containsString("Submitted for Expert Review"));
        // A stale form is a conflict: nothing is lost silently.
        post(s, "/requests/" + id + "/withdraw", Map.of("version", version))
                .then()
                .statusCode(409)
                .body(containsString("changed since you loaded it"));
        as(user).get("/api/v1/requests/" + id).then().body("status", equalTo("expert-review"));
    }

    @Test
    void aStaleEditFormKeepsWhatWasTypedAndSavesNothing() {
        String user = fixtures.account();
        String name = RequestFixtures.name();
        int id = createViaApi(user, name, "40015", null, "tcp");
        FormSession s = signIn(user);
        String version = version(s.get("/requests/" + id + "/edit").asString());
        // Meanwhile the same draft is edited elsewhere (another tab, the API).
        Map<String, Object> elsewhere = RequestFixtures.request(name, "40015", null, "tcp");
        elsewhere.put("description", "Edited in another tab");
        as(user).body(elsewhere).put("/api/v1/requests/" + id).then().statusCode(200);

        Map<String, Object> f = form(name, "40015", null);
        f.put("description", "Typed in this tab");
        f.put("version", version);
        post(s, "/requests/" + id + "/edit", f)
                .then()
                .statusCode(409)
                .body(containsString("changed since you loaded it"))
                .body(containsString("value=\"Typed in this tab\""));
        as(user).get("/api/v1/requests/" + id)
                .then()
                .body("content.description", equalTo("Edited in another tab"));
    }

    @Test
    void someoneElsesDraftAndNonsenseIdsAreNotFound() {
        String owner = fixtures.account();
        int id = createViaApi(owner, RequestFixtures.name(), "40005", null, "tcp");
        FormSession other = signIn(fixtures.account());
        other.get("/requests/" + id).then().statusCode(404);
        other.get("/requests/" + id + "/edit").then().statusCode(404);
        other.get("/requests/abc")
                .then()
                .statusCode(404)
                .body(containsString("There is no request #abc"));
    }

    // --- actions ---------------------------------------------------------------------------------

    @Test
    void everyoneSeesOnlyTheActionsTheyMayTake() {
        String requester = fixtures.account();
        String member = fixtures.iesgMember();
        String expert = fixtures.account("expert");
        int iesg = createViaApi(requester, RequestFixtures.name(), "938", "iesg-approval", "tcp");
        as(requester).post("/api/v1/requests/" + iesg + "/submit").then().statusCode(200);
        int user = createViaApi(requester, RequestFixtures.name(), "40006", null, "tcp");
        as(requester).post("/api/v1/requests/" + user + "/submit").then().statusCode(200);

        FormSession owner = signIn(requester);
        owner.get("/requests/" + iesg)
                .then()
                .body(containsString("id=\"withdraw-form\""))
                .body(not(containsString("id=\"ballot-form\"")))
                .body(not(containsString("id=\"review-form\"")))
                .body(containsString("No Record"));
        owner.get("/requests/" + user)
                .then()
                .body(not(containsString("id=\"review-form\"")))
                .body(not(containsString("id=\"ballot-form\"")));

        FormSession iesgMember = signIn(member);
        iesgMember
                .get("/requests/" + iesg)
                .then()
                .body(containsString("id=\"ballot-form\""))
                .body(containsString("id=\"review-form\""))
                .body(not(containsString("value=\"approve\"")))
                .body(containsString("value=\"request-changes\""))
                .body(not(containsString("id=\"withdraw-form\"")));

        FormSession theExpert = signIn(expert);
        theExpert
                .get("/requests/" + user)
                .then()
                .body(containsString("id=\"review-form\""))
                .body(containsString("value=\"approve\""))
                .body(not(containsString("id=\"ballot-form\"")));
        theExpert
                .get("/requests/" + iesg)
                .then()
                .body(not(containsString("id=\"review-form\"")))
                .body(not(containsString("id=\"ballot-form\"")));
    }

    @Test
    void actionFormsAreRefusedWithoutTheCsrfToken() {
        String requester = fixtures.account();
        String expert = fixtures.account("expert");
        int id = createViaApi(requester, RequestFixtures.name(), "40007", null, "tcp");
        FormSession owner = signIn(requester);
        String version = version(owner.get("/requests/" + id).asString());
        owner.request()
                .contentType(ContentType.URLENC)
                .formParam("version", version)
                .post("/requests/" + id + "/submit")
                .then()
                .statusCode(400)
                .body(containsString("Form refused"));
        as(requester).get("/api/v1/requests/" + id).then().body("status", equalTo("draft"));
        post(owner, "/requests/" + id + "/submit", Map.of("version", version))
                .then()
                .statusCode(303);

        FormSession reviewer = signIn(expert);
        reviewer.get("/requests/" + id);
        reviewer.request()
                .contentType(ContentType.URLENC)
                .formParam("decision", "approve")
                .post("/requests/" + id + "/review")
                .then()
                .statusCode(400);
        as(requester).get("/api/v1/requests/" + id).then().body("status", equalTo("expert-review"));
    }

    @Test
    void everyPageFormIsRefusedWithoutItsToken() {
        String requester = fixtures.account();
        int id = createViaApi(requester, RequestFixtures.name(), "40012", null, "tcp");
        FormSession owner = signIn(requester);
        owner.get("/requests/" + id);
        for (String path :
                List.of(
                        "/requests",
                        "/requests/check",
                        "/requests/assessment",
                        "/requests/" + id + "/edit",
                        "/requests/" + id + "/submit",
                        "/requests/" + id + "/withdraw",
                        "/requests/" + id + "/review",
                        "/requests/" + id + "/ballot",
                        "/requests/" + id + "/end-call",
                        "/requests/" + id + "/complete")) {
            owner.request()
                    .contentType(ContentType.URLENC)
                    .formParam("kind", "new-assignment")
                    .formParam("serviceName", RequestFixtures.name())
                    .formParam("action", "submit")
                    .post(path)
                    .then()
                    .statusCode(400)
                    .body(containsString("Form refused"));
        }
        as(requester).get("/api/v1/requests/" + id).then().body("status", equalTo("draft"));
        assertEquals(1, mine(requester), "nothing was created");
    }

    /** A page answer, parsed, after checking its status. */
    private static Document html(Response r, int status) {
        assertEquals(status, r.statusCode(), r.asString());
        return Jsoup.parse(r.asString());
    }

    @Test
    void theOwnerWithdrawsAndAnExpertRejectsOnlyWithAReason() {
        String requester = fixtures.account();
        String expert = fixtures.account("expert");
        int first = createViaApi(requester, RequestFixtures.name(), "40013", null, "tcp");
        FormSession owner = signIn(requester);
        String version = version(owner.get("/requests/" + first).asString());
        post(
                        owner,
                        "/requests/" + first + "/withdraw",
                        Map.of("version", version, "comment", "Found a way with DNS-SD."))
                .then()
                .statusCode(303)
                .header("Location", endsWith("?done=withdrawn"));
        Document withdrawn = html(owner.get("/requests/" + first + "?done=withdrawn"), 200);
        assertEquals("The request is withdrawn.", withdrawn.selectFirst(".flash").text());
        assertFalse(withdrawn.select(".badge.rq-withdrawn").isEmpty(), "the state badge");
        assertTrue(withdrawn.text().contains("Found a way with DNS-SD."), "the comment");
        assertTrue(withdrawn.text().contains("nothing more can happen to it"));
        assertNull(withdrawn.getElementById("withdraw-form"), "nothing more to withdraw");
        // A finished request cannot be edited: a conflict for its owner, forbidden to others.
        owner.get("/requests/" + first + "/edit").then().statusCode(409);

        int second = createViaApi(requester, RequestFixtures.name(), "40014", null, "tcp");
        as(requester).post("/api/v1/requests/" + second + "/submit").then().statusCode(200);
        FormSession reviewer = signIn(expert);
        reviewer.get("/requests/" + second + "/edit").then().statusCode(403);
        reviewer.get("/requests/" + second);
        Document noReason =
                html(
                        post(
                                reviewer,
                                "/requests/" + second + "/review",
                                Map.of("decision", "reject")),
                        422);
        Element reason = noReason.getElementById("review-comment-error");
        assertTrue(reason.text().startsWith("Give the reason for the rejection"), reason.text());
        assertEquals("true", noReason.getElementById("review-comment").attr("aria-invalid"));
        assertTrue(noReason.selectFirst(".flash-error").text().startsWith("Nothing was changed: "));
        post(
                        reviewer,
                        "/requests/" + second + "/review",
                        Map.of("decision", "reject", "comment", "A copy of an existing service."))
                .then()
                .statusCode(303)
                .header("Location", endsWith("?done=reject"));
        as(requester).get("/api/v1/requests/" + second).then().body("status", equalTo("rejected"));
        Document late =
                html(
                        post(
                                reviewer,
                                "/requests/" + second + "/review",
                                Map.of("decision", "approve")),
                        409);
        String conflict = late.selectFirst(".flash-error").text();
        assertTrue(conflict.contains("cannot approve a request that is rejected"), conflict);
        assertFalse(late.select(".badge.rq-rejected").isEmpty(), "the request as it now is");
        // The decision is read where the API reads it, with the API's words.
        Document maybe =
                html(
                        post(
                                reviewer,
                                "/requests/" + second + "/review",
                                Map.of("decision", "maybe")),
                        422);
        assertEquals(
                "Nothing was changed: Use approve, request-changes or reject",
                maybe.selectFirst(".flash-error").text());
    }

    @Test
    void anExpertAsksForChangesWithACommentAndSeesWhatChanged() {
        String requester = fixtures.account();
        String expert = fixtures.account("expert");
        String name = RequestFixtures.name();
        int id = createViaApi(requester, name, "40008", null, "tcp");
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);

        FormSession reviewer = signIn(expert);
        String version = version(reviewer.get("/requests/" + id).asString());
        post(reviewer, "/requests/" + id + "/review", Map.of("decision", "request-changes"))
                .then()
                .statusCode(422)
                .body(containsString("id=\"review-comment-error\""))
                .body(containsString("Say what should change"));
        post(
                        reviewer,
                        "/requests/" + id + "/review",
                        Map.of(
                                "decision",
                                "request-changes",
                                "comment",
                                "Explain the firewall case.",
                                "version",
                                version))
                .then()
                .statusCode(303)
                .header("Location", endsWith("?done=request-changes"));

        FormSession owner = signIn(requester);
        owner.get("/requests/" + id)
                .then()
                .body(containsString("Asked for changes"))
                .body(containsString("Explain the firewall case."))
                .body(containsString("href=\"/requests/" + id + "/edit\""));
        Map<String, Object> f = form(name, "40008", "expert-review");
        f.put("justification", "Appliances behind firewalls are configured once, offline.");
        f.put("action", "submit");
        post(owner, "/requests/" + id + "/edit", f).then().statusCode(303);

        reviewer.get("/requests/" + id)
                .then()
                .body(containsString("What changed since the last submission"))
                .body(containsString("<ins>Appliances behind firewalls are configured once"))
                .body(containsString("Resubmitted for Expert Review"));
        post(reviewer, "/requests/" + id + "/review", Map.of("decision", "approve"))
                .then()
                .statusCode(303);
        as(requester).get("/api/v1/requests/" + id).then().body("status", equalTo("approved"));
    }

    @Test
    void theBallotOnThePageThenTheRegistryAction() {
        String requester = fixtures.account();
        RequestFixtures.Iesg iesg = fixtures.iesg(3);
        String m1 = iesg.member(0);
        String m2 = iesg.member(1);
        String m3 = iesg.member(2);
        String operator = fixtures.account("iana");
        String name = RequestFixtures.name();
        int id = createViaApi(requester, name, "938", "iesg-approval", "tcp", "udp");
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        iesg.outweighOthers(id);

        FormSession first = signIn(m1);
        first.get("/requests/" + id)
                .then()
                .body(containsString("Needs a YES."))
                .body(containsString("<strong>" + iesg.counted(3) + "</strong> members"));
        post(first, "/requests/" + id + "/ballot", Map.of("position", "discuss"))
                .then()
                .statusCode(422)
                .body(containsString("a Discuss needs its reason"))
                .body(containsString("value=\"discuss\" checked"));
        post(first, "/requests/" + id + "/ballot", Map.of("position", "abstain"))
                .then()
                .statusCode(303)
                .header("Location", endsWith("?done=ballot"));
        String page = first.get("/requests/" + id).asString();
        assertEquals(
                2 + iesg.others(),
                count(page, "class=\"pos pos-no-record\">No Record</span></td>"),
                "m2, m3 and the members other tests left");
        assertTrue(page.contains("Ballot position: Abstain"), page);

        FormSession second = signIn(m2);
        second.get("/requests/" + id);
        post(
                        second,
                        "/requests/" + id + "/ballot",
                        Map.of("position", "yes", "comment", "Fine by me"))
                .then()
                .statusCode(303);
        FormSession third = signIn(m3);
        third.get("/requests/" + id);
        post(third, "/requests/" + id + "/ballot", Map.of("position", "no-objection"))
                .then()
                .statusCode(303);

        FormSession op = signIn(operator);
        op.get("/requests/" + id)
                .then()
                .body(containsString("class=\"badge rq rq-approved\""))
                .body(
                        containsString(
                                "Passes: "
                                        + iesg.positions(2)
                                        + " Yes or No Objection positions, "
                                        + iesg.needed(2)
                                        + " needed."))
                .body(containsString("Fine by me"))
                .body(containsString("id=\"complete-form\""));
        post(op, "/requests/" + id + "/complete", Map.of())
                .then()
                .statusCode(303)
                .header("Location", endsWith("?done=complete"));
        String done = op.get("/requests/" + id).asString();
        assertTrue(done.contains("class=\"badge rq rq-completed\""), done);
        Matcher change =
                Pattern.compile("href=\"/changes/(\\d+)\">Registry change #\\1").matcher(done);
        assertTrue(change.find(), done);
        assertTrue(done.contains("Performed the registry action"), done);
        given().get("/ports/938").then().body(containsString(name));
        given().get("/changes/" + change.group(1)).then().statusCode(200);
    }

    @Test
    void anOperatorEndsTheCommunityCallOnlyAfterFourWeeks() {
        String operator = fixtures.account("iana");
        FormSession op = signIn(operator);
        op.get("/requests/new?kind=revoke&targetService=rndc")
                .then()
                .statusCode(200)
                .body(containsString("value=\"revoke\" checked"))
                .body(containsString("name=\"targetService\" type=\"text\" value=\"rndc\""));
        Map<String, Object> f = new HashMap<>();
        f.put("kind", "revoke");
        f.put("targetService", "rndc");
        f.put("notes", "Unused for years");
        long id = createdId(post(op, "/requests", f));
        String version = version(op.get("/requests/" + id).asString());
        post(op, "/requests/" + id + "/submit", Map.of("version", version)).then().statusCode(303);
        op.get("/requests/" + id)
                .then()
                .body(containsString("class=\"badge rq rq-community-call\""))
                .body(containsString("Started the four-week community call"))
                .body(not(containsString("id=\"end-call-form\"")));
        post(op, "/requests/" + id + "/end-call", Map.of())
                .then()
                .statusCode(409)
                .body(containsString("runs until"));

        clock.advance(Duration.ofDays(29));
        op.get("/requests/" + id).then().body(containsString("id=\"end-call-form\""));
        post(op, "/requests/" + id + "/end-call", Map.of())
                .then()
                .statusCode(303)
                .header("Location", endsWith("?done=end-call"));
        as(operator)
                .get("/api/v1/requests/" + id)
                .then()
                .body("status", equalTo("iesg-evaluation"));
    }

    // --- queues ----------------------------------------------------------------------------------

    @Test
    void theExpertQueueFlagsAReviewOlderThanAWeek() {
        String requester = fixtures.account();
        String expert = fixtures.account("expert");
        int id = createViaApi(requester, RequestFixtures.name(), "40009", null, "tcp");
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        FormSession s = signIn(expert);
        s.get("/queues").then().statusCode(303).header("Location", endsWith("/queues/expert"));
        String fresh = row(s.get("/queues/expert").then().statusCode(200).extract().asString(), id);
        assertFalse(fresh.contains("Overdue"), fresh);

        clock.advance(Duration.ofDays(8));
        String page = s.get("/queues/expert").then().statusCode(200).extract().asString();
        String late = row(page, id);
        assertTrue(late.contains("class=\"flag flag-overdue\""), late);
        assertTrue(late.contains("expert review over a week"), late);
        assertTrue(late.contains("8 days"), late);
        assertTrue(page.indexOf("id=\"request-" + id + "\"") > 0);
    }

    @Test
    void aQueueIsForItsRoleOnly() {
        FormSession requester = signIn(fixtures.account());
        requester
                .get("/queues/expert")
                .then()
                .statusCode(403)
                .body(containsString("Forbidden"))
                .body(containsString("holders of the expert role"));
        requester.get("/queues").then().statusCode(403);
        signIn(fixtures.account("iesg")).get("/queues/nobody").then().statusCode(404);
    }

    // --- registry pages --------------------------------------------------------------------------

    @Test
    void portAndServicePagesShowTheirHistoryAndAFreePortOffersARequest() {
        given().get("/ports/938")
                .then()
                .statusCode(200)
                .body(containsString("class=\"card history-box\""))
                .body(containsString("href=\"/requests/new?port=938\""));
        given().get("/ports/50000")
                .then()
                .statusCode(200)
                .body(not(containsString("/requests/new?port=")));
        given().get("/services/rndc")
                .then()
                .statusCode(200)
                .body(containsString("class=\"card history-box\""));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static FormSession signIn(String username) {
        return FormSession.signedIn(username, RequestFixtures.PASSWORD);
    }

    /** A complete new-assignment form, as a person fills it in. */
    static Map<String, Object> form(String name, String port, String track) {
        Map<String, Object> f = new HashMap<>();
        f.put("kind", "new-assignment");
        f.put("serviceName", name);
        f.put("portChoice", "port");
        f.put("port", port);
        f.put("transports", List.of("tcp", "udp"));
        if (track != null) {
            f.put("track", track);
        }
        f.put("description", "Frobnication protocol");
        f.put("assigneeName", "Ann Example");
        f.put("assigneeOrg", "Example Org");
        f.put("assigneeEmail", "ann@example.org");
        f.put("contactName", "Ann Example");
        f.put("contactEmail", "ann@example.org");
        f.put("reference", "draft-example-frob-01");
        f.put("castStatement", "No broadcast, multicast or anycast.");
        f.put("justification", "Clients behind firewalls need a fixed port.");
        f.put("systemJustification", "It runs before any user process starts.");
        f.put("stableSpecification", "RFC 9999");
        return f;
    }

    /** Posts a form with the session's CSRF token; list values become repeated fields. */
    static Response post(FormSession s, String path, Map<String, ?> form) {
        RequestSpecification spec =
                s.request().contentType(ContentType.URLENC).formParam("csrf-token", s.token());
        form.forEach(
                (k, v) -> {
                    if (v instanceof List<?> list) {
                        spec.formParam(k, list.toArray());
                    } else {
                        spec.formParam(k, v);
                    }
                });
        return s.keep(spec.post(path));
    }

    private static long createdId(Response r) {
        assertEquals(303, r.statusCode(), r.asString());
        Matcher m = CREATED.matcher(r.header("Location"));
        assertTrue(m.find(), r.header("Location"));
        return Long.parseLong(m.group(1));
    }

    private static int createViaApi(
            String user, String name, String port, String track, String... transports) {
        return as(user).body(RequestFixtures.request(name, port, track, transports))
                .post("/api/v1/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The version the page's action forms send. */
    private static String version(String page) {
        Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    private static int mine(String user) {
        return as(user).get("/api/v1/requests").then().extract().path("size()");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** The table row of request {@code id} in a list or queue. */
    private static String row(String page, long id) {
        Matcher m =
                Pattern.compile("<tr id=\"request-" + id + "\".*?</tr>", Pattern.DOTALL)
                        .matcher(page);
        assertTrue(m.find(), "request " + id + " is listed");
        return m.group();
    }
}
