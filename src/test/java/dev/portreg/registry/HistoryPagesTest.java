package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.HistoryFixtures;
import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /changes, /changes/{id} and the history box tag, after sample.xml then sample-modified.xml. */
@QuarkusTest
class HistoryPagesTest {

    @Inject HistoryFixtures fixtures;
    @Inject RegistryChanges changes;
    @Inject Engine engine;

    long changeId;

    @BeforeEach
    void seedThenModify() {
        changeId = fixtures.sampleThenModified().modified().changeId();
    }

    @AfterEach
    void leaveTheSample() {
        fixtures.leaveTheSample();
    }

    @Test
    void recentChangesShowWhoWhenAndTheItemsWithTheirDiffs() {
        given().get("/changes?size=100")
                .then()
                .statusCode(200)
                .contentType("text/html")
                .body(containsString("id=\"change-" + changeId + "\""))
                .body(containsString("href=\"/changes/" + changeId + "\""))
                .body(containsString("by <strong>tester</strong>"))
                .body(containsString("1 added · 1 changed · 1 removed"))
                .body(containsString("href=\"/services/newsvc\""))
                .body(containsString("href=\"/ports/938\""))
                .body(containsString("<del>BIND9 remote name daemon controller</del>"))
                .body(containsString("<ins>BIND9 remote name daemon controller (rndc)</ins>"))
                .body(containsString("href=\"/services/www-http\""))
                .body(containsString("69 items"))
                .body(containsString("href=\"/changes.atom\""));
    }

    @Test
    void aRegistryActionLinksToItsRequest() {
        long[] made = fixtures.registryAction(changes);
        given().get("/changes")
                .then()
                .statusCode(200)
                .body(containsString("id=\"change-" + made[0] + "\""))
                .body(containsString("href=\"/requests/" + made[1] + "\">Request #" + made[1]))
                .body(containsString("Registry action"));
        given().get("/api/v1/history/" + made[0])
                .then()
                .body("requestId", org.hamcrest.Matchers.equalTo((int) made[1]))
                .body("requestUrl", org.hamcrest.Matchers.equalTo("/requests/" + made[1]));
    }

    @Test
    void changesOfOnePortOrService() {
        given().get("/changes?port=953")
                .then()
                .statusCode(200)
                .body(containsString("Changes to port 953"))
                .body(containsString("id=\"change-" + changeId + "\""))
                .body(containsString("rndc"))
                .body(not(containsString("href=\"/services/newsvc\"")));
        given().get("/changes?service=WWW-HTTP")
                .then()
                .statusCode(200)
                .body(containsString("Changes to service WWW-HTTP"))
                .body(containsString("id=\"change-" + changeId + "\""))
                .body(containsString("change-removed"));
        given().get("/changes?service=never-registered")
                .then()
                .statusCode(200)
                .body(containsString("No recorded change touched a service named"));
    }

    private long revision(long changeId) {
        return fixtures.count("SELECT revision FROM registry_change WHERE id = ?", changeId);
    }

    @Test
    void oneChangeHasItsOwnPage() {
        given().get("/changes/" + changeId)
                .then()
                .statusCode(200)
                .body(containsString("Revision " + revision(changeId)))
                .body(containsString("sample-modified.xml (IANA's registry of 2026-08-17)"))
                .body(containsString("newsvc"))
                .body(containsString("(rndc)"))
                .body(containsString("www-http"));
    }

    @Test
    void badInputIsAPageThatSaysWhat() {
        // The message, not the word "port" (which every page's description holds).
        String page =
                given().get("/changes?port=http")
                        .then()
                        .statusCode(400)
                        .contentType("text/html")
                        .extract()
                        .asString();
        org.junit.jupiter.api.Assertions.assertEquals(
                "port: must be a whole number from 0 to 65535, not \"http\"",
                org.jsoup.Jsoup.parse(page).selectFirst(".error-detail").text());
        given().get("/changes?port=80&service=http").then().statusCode(400);
        given().get("/changes?page=-3").then().statusCode(400).body(containsString("page"));
        given().get("/changes/abc").then().statusCode(400);
        given().get("/changes/987654321")
                .then()
                .statusCode(404)
                .body(containsString("No registry change #987654321"));
    }

    @Test
    void theHistoryTagRendersAPortsOrAServicesLatestChanges() {
        String port = engine.parse("{#history inject:registryHistory.ofPort(953) /}").render();
        assertTrue(port.contains("History of port 953"), port);
        assertTrue(port.contains("href=\"/changes/" + changeId + "\""), port);
        assertTrue(port.contains("<ins>BIND9 remote name daemon controller (rndc)</ins>"), port);
        String service =
                engine.parse("{#history inject:registryHistory.ofService('newsvc') /}").render();
        assertTrue(service.contains("History of service newsvc"), service);
        assertTrue(service.contains("href=\"/ports/938\""), service);
        String none = engine.parse("{#history inject:registryHistory.ofPort(60000) /}").render();
        assertTrue(none.contains("No change to port 60000 has been recorded"), none);
    }
}
