package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.HistoryFixtures;
import dev.portreg.support.HistoryFixtures.Imported;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history API after the sample registry was seeded and then imported from sample-modified.xml:
 * newsvc 938/tcp added, rndc 953/tcp's description changed, www-http 80/udp removed.
 */
@QuarkusTest
class HistoryApiTest {

    @Inject HistoryFixtures fixtures;
    @Inject dev.portreg.exchange.RegistryImporter importer;
    @Inject RegistryHistory history;

    Imported imported;
    long changeId;

    @BeforeEach
    void seedThenModify() {
        imported = fixtures.sampleThenModified();
        changeId = imported.modified().changeId();
    }

    @AfterEach
    void leaveTheSample() {
        fixtures.leaveTheSample();
    }

    /** The change with this id among a page's items (other tests' changes share the table). */
    private static Map<String, Object> change(JsonPath page, long id) {
        List<Map<String, Object>> items = page.getList("items");
        return items.stream()
                .filter(c -> ((Number) c.get("id")).longValue() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("change " + id + " not in " + items));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> change) {
        return (List<Map<String, Object>>) change.get("items");
    }

    @Test
    void aPortsHistoryHasTheChangedEntryFieldByField() {
        JsonPath page =
                given().get("/api/v1/ports/953/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        Map<String, Object> c = change(page, changeId);
        assertEquals("import", c.get("kind"));
        assertEquals("tester", c.get("actor"));
        // A file is shown by its name, never the server's path (issue 7).
        assertEquals("sample-modified.xml", c.get("sourceName"));
        assertEquals("2026-08-17", c.get("sourceDate"));
        assertTrue(((Number) c.get("revision")).longValue() > 0);
        assertNull(c.get("requestId"));
        assertEquals("/changes/" + changeId, c.get("url"));
        List<Map<String, Object>> items = items(c);
        assertEquals(1, items.size(), "only the items that cover 953: " + items);
        Map<String, Object> rndc = items.get(0);
        assertEquals("changed", rndc.get("action"));
        assertEquals("rndc/953/tcp", rndc.get("key"));
        assertEquals("rndc", rndc.get("serviceName"));
        assertEquals("953", rndc.get("ports"));
        assertEquals("tcp", rndc.get("transport"));
        assertEquals("/ports/953", rndc.get("portUrl"));
        assertEquals("/services/rndc", rndc.get("serviceUrl"));
        assertEquals(
                List.of(
                        Map.of(
                                "field", "description",
                                "label", "Description",
                                "before", "BIND9 remote name daemon controller",
                                "after", "BIND9 remote name daemon controller (rndc)")),
                rndc.get("fields"));
        assertEquals(1, ((Number) c.get("itemCount")).intValue());
    }

    @Test
    void aPortsHistoryHasAddedAndRemovedEntries() {
        Map<String, Object> at938 =
                change(given().get("/api/v1/ports/938/history").jsonPath(), changeId);
        assertEquals(
                List.of("added newsvc/938/tcp"),
                items(at938).stream().map(i -> i.get("action") + " " + i.get("key")).toList());
        assertEquals("A new service on 938", items(at938).get(0).get("description"));
        Map<String, Object> at80 =
                change(given().get("/api/v1/ports/80/history").jsonPath(), changeId);
        assertEquals(
                List.of("removed www-http/80/udp"),
                items(at80).stream().map(i -> i.get("action") + " " + i.get("key")).toList());
        assertEquals(List.of(), items(at80).get(0).get("fields"));
    }

    @Test
    void aPortNoItemCoversHasNoHistoryFromThisImport() {
        JsonPath page =
                given().get("/api/v1/ports/954/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertTrue(
                items.stream().noneMatch(c -> ((Number) c.get("id")).longValue() == changeId),
                "954 is not covered by any item of the import");
    }

    @Test
    void aServicesHistoryIgnoresCase() {
        Map<String, Object> c =
                change(given().get("/api/v1/services/RNDC/history").jsonPath(), changeId);
        assertEquals(List.of("rndc/953/tcp"), items(c).stream().map(i -> i.get("key")).toList());
    }

    @Test
    void aRemovedNameKeepsItsHistory() {
        importer.importFrom(HistoryFixtures.path("/iana/sample.xml"), "tester"); // newsvc goes
        given().get("/api/v1/services/newsvc").then().statusCode(404);
        JsonPath page =
                given().get("/api/v1/services/newsvc/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> changes = page.getList("items");
        assertEquals("removed", items(changes.get(0)).get(0).get("action"));
        assertEquals("added", items(change(page, changeId)).get(0).get("action"));
    }

    @Test
    void aNameWithoutHistoryHasAnEmptyPageNotA404() {
        given().get("/api/v1/services/never-registered/history")
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("pages", equalTo(0))
                .body("items", hasSize(0));
    }

    @Test
    void recentChangesCarryCountsAndTheirFirstItems() {
        JsonPath page = given().get("/api/v1/history?size=100").jsonPath();
        Map<String, Object> c = change(page, changeId);
        assertEquals(1, c.get("added"));
        assertEquals(1, c.get("changed"));
        assertEquals(1, c.get("removed"));
        assertEquals(3, ((Number) c.get("itemCount")).intValue());
        assertEquals(
                List.of("added newsvc/938/tcp", "changed rndc/953/tcp", "removed www-http/80/udp"),
                items(c).stream().map(i -> i.get("action") + " " + i.get("key")).toList());
        Map<String, Object> seed = change(page, imported.seed().changeId());
        assertEquals("seed", seed.get("kind"));
        assertEquals(69, seed.get("added"));
        assertEquals(69, ((Number) seed.get("itemCount")).intValue(), "a seed lists every entry");
        assertEquals(20, items(seed).size(), "the first 20 of them");
    }

    @Test
    void theItemCountOfAChangeIsItsNumberOfItems() {
        assertEquals(
                3,
                fixtures.count(
                        "SELECT count(*) FROM registry_change_item WHERE change_id = ?", changeId));
        assertEquals(
                69,
                fixtures.count(
                        "SELECT count(*) FROM registry_change_item WHERE change_id = ?",
                        imported.seed().changeId()));
    }

    @Test
    void itemsPerChangeCanBeCapped() {
        Map<String, Object> c =
                change(given().get("/api/v1/history?size=100&items=1").jsonPath(), changeId);
        assertEquals(3, ((Number) c.get("itemCount")).intValue());
        assertEquals(1, items(c).size());
        c = change(given().get("/api/v1/history?size=100&items=0").jsonPath(), changeId);
        assertEquals(List.of(), c.get("items"));
    }

    @Test
    void recentChangesArePaged() {
        JsonPath first =
                given().get("/api/v1/history?size=1").then().statusCode(200).extract().jsonPath();
        long total = first.getLong("total");
        assertTrue(total >= 2);
        assertEquals(total, first.getLong("pages"));
        assertEquals(1, first.getList("items").size());
        JsonPath second = given().get("/api/v1/history?size=1&page=1").jsonPath();
        assertEquals(1, second.getInt("page"));
        assertNotEquals(first.getLong("items[0].id"), second.getLong("items[0].id"));
        given().get("/api/v1/history?size=1&page=" + total)
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void oneChangeWithAPageOfItsItems() {
        given().get("/api/v1/history/" + changeId)
                .then()
                .statusCode(200)
                .body("id", equalTo((int) changeId))
                .body("itemCount", equalTo(3))
                .body("items", hasSize(3));
        given().get("/api/v1/history/" + changeId + "?size=1&page=2")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].key", equalTo("www-http/80/udp"));
        given().get("/api/v1/history/987654321").then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        bad("/api/v1/ports/http/history", "port");
        bad("/api/v1/ports/70000/history", "port");
        bad("/api/v1/ports/938/history?page=-1", "page");
        bad("/api/v1/history?page=x", "page");
        bad("/api/v1/history?size=0", "size");
        bad("/api/v1/history?size=101", "size");
        bad("/api/v1/history?items=501", "items");
        bad("/api/v1/services/http/history?size=abc", "size");
        bad("/api/v1/history/abc", "id");
        bad("/api/v1/services/" + "x".repeat(64) + "/history", "name");
    }

    private static void bad(String path, String field) {
        given().get(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void theHistoryBoxOfAPortListsItsLatestChanges() {
        HistoryViews.HistoryList box = history.ofPort(953);
        assertEquals("port 953", box.subject());
        assertEquals("/changes?port=953", box.moreUrl());
        assertTrue(box.total() >= 1);
        assertTrue(box.changes().size() <= RegistryHistory.BOX_SIZE);
        assertNotNull(
                box.changes().stream().filter(c -> c.id() == changeId).findFirst().orElse(null));
        assertEquals("/changes?service=sql*net", history.ofService("sql*net").moreUrl());
        assertEquals("/changes?service=a+b%26c", history.ofService(" a b&c ").moreUrl());
    }
}
