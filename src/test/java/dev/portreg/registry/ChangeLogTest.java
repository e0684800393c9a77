package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.account.Roles;
import dev.portreg.support.HistoryFixtures;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's change log: gap-free revisions that reads carry, local changes written through the
 * one write path, and IANA's files reconciled with them instead of overwriting them.
 */
@QuarkusTest
class ChangeLogTest {

    @Inject TestDb db;
    @Inject HistoryFixtures fixtures;
    @Inject Registry registry;
    @Inject RegistryChanges changes;

    String operator;

    @BeforeEach
    void theSample() {
        db.resetToResource("/iana/sample.xml");
        operator = fixtures.account(Roles.IANA);
    }

    @AfterEach
    void leaveTheSample() {
        db.resetToResource("/iana/sample.xml");
    }

    private RequestSpecification asOperator() {
        return given().auth().preemptive().basic(operator, HistoryFixtures.PASSWORD);
    }

    private long head() {
        return db.count("SELECT max(revision) FROM registry_change");
    }

    /** Assigns 938/tcp here, as a completed request would. */
    private RegistryChanges.Applied assign938() {
        return changes.apply(
                new RegistryChanges.Request(
                        "tester",
                        null,
                        "operator",
                        "test",
                        ctx ->
                                RegistryPlans.assign(
                                        ctx.registry(),
                                        RegistryPlansTest.assignment(
                                                "frob", Ports.of(938), null, Transport.TCP),
                                        ctx.today())));
    }

    @Test
    void anEntryARequestRegisteredLinksToItsApplicationAndAnImportedOneDoesNot() {
        long requestId = fixtures.requestRow("new-assignment");
        changes.apply(
                new RegistryChanges.Request(
                        "iana-operator",
                        requestId,
                        "request #" + requestId,
                        null,
                        ctx ->
                                RegistryPlans.assign(
                                        ctx.registry(),
                                        RegistryPlansTest.assignment(
                                                "frob", Ports.of(938), null, Transport.TCP),
                                        ctx.today())));
        String page = given().get("/ports/938").then().statusCode(200).extract().asString();
        String frob = page.substring(page.indexOf("href=\"/services/frob\""));
        frob = frob.substring(0, frob.indexOf("</article>"));
        assertTrue(
                frob.contains(
                        "<dt>Original application</dt><dd class=\"application\"><a"
                                + " href=\"/requests/"
                                + requestId
                                + "\">Request #"
                                + requestId
                                + "</a></dd>"),
                frob);
        // The Reserved udp entry the assignment wrote has no name, so no application; rndc on
        // 953 came from the seed.
        assertEquals(1, page.split("Original application", -1).length - 1, page);
        String rndc = given().get("/ports/953").asString();
        assertFalse(rndc.contains("Original application"), rndc);
    }

    @Test
    void everyChangeIsTheNextRevisionAndReadsCarryIt() {
        long before = head();
        given().get("/api/v1/registry")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("W/\"r" + before + "\""))
                .body("revision", equalTo((int) before));
        String etag = given().get("/api/v1/ports/938").then().extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/ports/938").then().statusCode(304);
        given().header("If-None-Match", etag)
                .get("/api/v1/registry/export?format=csv")
                .then()
                .statusCode(304);

        RegistryChanges.Applied a = assign938();
        assertEquals(before + 1, a.revision());
        assertEquals(before + 1, head());
        assertEquals(before + 1, registry.snapshot().revision(), "this instance follows at once");
        given().header("If-None-Match", etag)
                .get("/api/v1/ports/938")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("W/\"r" + (before + 1) + "\""))
                .body("transports[0].status", equalTo("assigned"))
                .body("registry.updated", equalTo(LocalDate.now().toString()));
        assertEquals(
                List.of(List.of("operator-fix", "tester", "operator", "test", "1")),
                db.rows(
                        "SELECT kind, actor, source_name, reason, removed::text"
                                + " FROM registry_change WHERE revision = ?",
                        a.revision()),
                "who, where from, why; the gap row removed");
        assertEquals(
                db.count(
                        "SELECT count(*) FROM registry_change_item WHERE revision = ?",
                        a.revision()),
                (long) a.plan().items().size());
    }

    @Test
    void anOperatorFixIsAChangeSetWithItsReason() {
        long before = head();
        asOperator()
                .contentType("application/json")
                .body(
                        java.util.Map.of(
                                "key", "rndc/953/tcp",
                                "reason", "IANA's wording",
                                "description", "Remote name daemon control",
                                "unauthorized", "Seen on 953 by others"))
                .post("/api/v1/registry/fixes")
                .then()
                .statusCode(200)
                .body("revision", equalTo((int) before + 1));
        assertEquals(
                List.of(List.of("operator-fix", operator, "IANA's wording", "0", "1", "0")),
                db.rows(
                        "SELECT kind, actor, reason, added::text, changed::text, removed::text"
                                + " FROM registry_change WHERE revision = ?",
                        before + 1));
        Entry rndc = registry.snapshot().byKey("rndc/953/tcp").orElseThrow().entry();
        assertEquals("Remote name daemon control", rndc.description());
        assertEquals("Seen on 953 by others", rndc.unauthorized());
        assertEquals(LocalDate.now().toString(), rndc.modified());
        given().get("/api/v1/ports/953").then().body("entries[0].key", equalTo("rndc/953/tcp"));
        asOperator()
                .contentType("application/json")
                .body(java.util.Map.of("key", "rndc/953/tcp", "description", "x"))
                .post("/api/v1/registry/fixes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        asOperator()
                .contentType("application/json")
                .body(java.util.Map.of("key", "nosuch/1/tcp", "reason", "r", "notes", "x"))
                .post("/api/v1/registry/fixes")
                .then()
                .statusCode(404);
        asOperator()
                .contentType("application/json")
                .body(java.util.Map.of("key", "rndc/953/tcp", "reason", "r"))
                .post("/api/v1/registry/fixes")
                .then()
                .statusCode(400)
                .body("detail", containsString("changes nothing"));
        assertEquals(before + 1, head(), "refused fixes write nothing");
    }

    @Inject RegistryStore store;

    /** What this instance serves after its own change is what a reload from the database gives. */
    private void assertServedIsStored() {
        RegistrySnapshot served = registry.snapshot();
        RegistrySnapshot stored = store.loadSnapshot();
        assertEquals(stored.revision(), served.revision());
        assertEquals(stored.changedAt(), served.changedAt());
        assertEquals(stored.entries(), served.entries());
        assertEquals(stored.people(), served.people());
        assertEquals(stored.info(), served.info());
        for (int p = 0; p < 1100; p++) {
            assertEquals(stored.entriesAt(p), served.entriesAt(p), "port " + p);
        }
    }

    @Test
    void theRegistryAChangeLeavesInMemoryIsTheDatabases() {
        assertServedIsStored();
        assign938();
        assertServedIsStored();
        changes.apply(
                new RegistryChanges.Request(
                        "tester",
                        null,
                        "operator",
                        "fix",
                        ctx ->
                                RegistryPlans.assign(
                                        ctx.registry(),
                                        new RegistryPlans.Assignment(
                                                "twopeople",
                                                Ports.of(939),
                                                null,
                                                List.of(Transport.UDP),
                                                "d",
                                                new Person(
                                                        null,
                                                        "Org",
                                                        "Org",
                                                        "o@example.org",
                                                        null,
                                                        null),
                                                new Person(
                                                        null,
                                                        "Contact",
                                                        null,
                                                        "o@example.org",
                                                        null,
                                                        null),
                                                List.of(),
                                                null,
                                                null,
                                                null),
                                        ctx.today())));
        assertServedIsStored();
        asOperator()
                .contentType("application/xml")
                .body(HistoryFixtures.bytes("/iana/sample-modified.xml"))
                .post("/api/v1/registry/import?name=m.xml&dryRun=false")
                .then()
                .statusCode(200);
        assertServedIsStored();
    }

    @Test
    void aRevisionOutOfTurnIsRefusedByTheDatabase() {
        long next = head() + 2;
        assertThrows(
                IllegalStateException.class,
                () ->
                        db.rows(
                                "INSERT INTO registry_change (revision, changed_at, effective_date,"
                                        + " actor, kind, summary, added, changed, removed)"
                                        + " VALUES (?, now(), current_date, 'x', 'operator-fix',"
                                        + " 'gap', 0, 0, 0) RETURNING id",
                                next));
    }

    /** One foreign key (V18): an item names its change set and that change set's revision. */
    @Test
    void anItemOfNoChangeSetOrOfAnotherRevisionIsRefusedByTheDatabase() {
        long head = head();
        long changeId = db.count("SELECT id FROM registry_change WHERE revision = ?", head);
        String insert =
                "INSERT INTO registry_change_item (change_id, revision, action, entry_key,"
                        + " entry_id, position, after) VALUES (?, ?, 'added', 'x/tcp/1', 1, 0,"
                        + " '{}'::jsonb)";
        for (Object[] args :
                List.of(
                        new Object[] {changeId + 1000, head},
                        new Object[] {changeId, head + 1000})) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> db.update(insert, args));
            assertEquals(
                    "23503",
                    ((java.sql.SQLException) e.getCause()).getSQLState(),
                    "a foreign key violation: " + e.getCause().getMessage());
        }
        assertEquals(head, head(), "nothing written");
    }

    @Test
    void anImportKeepsWhatWasDoneHereAndListsConflicts() {
        assign938();
        // sample-modified.xml adds newsvc on 938/tcp, which frob holds here since: a conflict
        String preview =
                asOperator()
                        .contentType("application/xml")
                        .body(HistoryFixtures.bytes("/iana/sample-modified.xml"))
                        .post("/api/v1/registry/import?name=sample-modified.xml")
                        .then()
                        .statusCode(200)
                        .body("dryRun", equalTo(true))
                        .body("keptLocal", equalTo(7))
                        .body("older", nullValue())
                        .body("conflictCount", equalTo(1))
                        .body("conflicts[0].key", equalTo("newsvc/938/tcp"))
                        .body("conflicts[0].local", nullValue())
                        .extract()
                        .asString();
        assertTrue(preview.contains("\"changed\":{\"total\":1"), preview);
        asOperator()
                .contentType("application/xml")
                .body(HistoryFixtures.bytes("/iana/sample-modified.xml"))
                .post("/api/v1/registry/import?name=sample-modified.xml&dryRun=false")
                .then()
                .statusCode(200)
                .body("result.changed", equalTo(1));
        given().get("/api/v1/ports/938")
                .then()
                .body("transports[0].services", equalTo(List.of("frob")))
                .body("transports[1].status", equalTo("reserved"));
        given().get("/api/v1/ports/953")
                .then()
                .body("entries.description", hasItem("BIND9 remote name daemon controller (rndc)"));
    }

    @Test
    void anOlderFileIsRefusedWithBothDatesAndForceImportsIt() {
        byte[] csv = HistoryFixtures.bytes("/iana/quirks.csv");
        asOperator()
                .contentType("text/csv")
                .body(csv)
                .post("/api/v1/registry/import?name=quirks.csv")
                .then()
                .statusCode(200)
                .body("older.fileDate", equalTo("2026-01-23"))
                .body("older.upstreamDate", equalTo("2026-08-17"));
        long before = head();
        asOperator()
                .contentType("text/csv")
                .body(csv)
                .post("/api/v1/registry/import?name=quirks.csv&dryRun=false")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("2026-01-23"))
                .body("detail", containsString("2026-08-17"));
        assertEquals(before, head(), "nothing written");
        asOperator()
                .contentType("text/csv")
                .body(csv)
                .post("/api/v1/registry/import?name=quirks.csv&dryRun=false&force=true")
                .then()
                .statusCode(200);
        assertEquals(before + 1, head());
        assertEquals(
                LocalDate.of(2026, 8, 17).toString(),
                db.rows(
                                "SELECT effective_date::text FROM registry_change WHERE revision = ?",
                                head())
                        .get(0)
                        .get(0),
                "the log does not go back in time");
    }

    @Test
    void aConflictIsKeptUnlessTheOperatorTakesIt() {
        changes.apply(
                new RegistryChanges.Request(
                        "tester",
                        null,
                        "operator",
                        "clarify",
                        ctx ->
                                RegistryPlans.modify(
                                        ctx.registry(),
                                        "rndc",
                                        "Changed here",
                                        null,
                                        ctx.today())));
        String body =
                asOperator()
                        .contentType("application/xml")
                        .body(HistoryFixtures.bytes("/iana/sample-modified.xml"))
                        .post("/api/v1/registry/import?name=m.xml")
                        .then()
                        .statusCode(200)
                        .body("conflictCount", equalTo(1))
                        .body("conflicts[0].key", equalTo("rndc/953/tcp"))
                        .body("conflicts[0].local.description", equalTo("Changed here"))
                        .body(
                                "conflicts[0].upstream.description",
                                equalTo("BIND9 remote name daemon controller (rndc)"))
                        .extract()
                        .asString();
        assertTrue(body.contains("\"taken\":false"), body);
        asOperator()
                .contentType("application/xml")
                .body(HistoryFixtures.bytes("/iana/sample-modified.xml"))
                .post("/api/v1/registry/import?name=m.xml&dryRun=false")
                .then()
                .statusCode(200)
                .body("result.conflicts", equalTo(1));
        assertEquals(
                "Changed here", registry.snapshot().byName("rndc").get(0).entry().description());
        // taking it next time: the same file repeats IANA's version, which is now the base
        db.resetToResource("/iana/sample.xml");
        changes.apply(
                new RegistryChanges.Request(
                        "tester",
                        null,
                        "operator",
                        "clarify",
                        ctx ->
                                RegistryPlans.modify(
                                        ctx.registry(),
                                        "rndc",
                                        "Changed here",
                                        null,
                                        ctx.today())));
        asOperator()
                .contentType("application/xml")
                .body(HistoryFixtures.bytes("/iana/sample-modified.xml"))
                .post("/api/v1/registry/import?name=m.xml&dryRun=false&take=rndc/953/tcp")
                .then()
                .statusCode(200);
        assertEquals(
                "BIND9 remote name daemon controller (rndc)",
                registry.snapshot().byName("rndc").get(0).entry().description());
    }

    @Test
    void theRegistryAsItStoodOnADay() {
        long seeded = head();
        assign938();
        // the sample is dated 2026-08-17; the action today
        given().get("/api/v1/ports/938?at=2026-09-01")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("W/\"r" + seeded + "\""))
                .body("free", equalTo(true));
        given().get("/api/v1/ports/938?at=" + LocalDate.now()).then().body("free", equalTo(false));
        given().get("/api/v1/gaps?from=900&to=960&at=2026-09-01").then().body("from", hasItem(916));
        given().get("/api/v1/ports/938?at=2026-13-01")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("at"));
        given().get("/ports/938?at=2026-09-01")
                .then()
                .statusCode(200)
                .body(containsString("id=\"as-of\""))
                .body(
                        containsString(
                                "As the registry stood at the end of <strong>2026-09-01</strong>"));
        given().get("/registry?at=2026-09-01&q=frob")
                .then()
                .statusCode(200)
                .body(containsString("No entries match"));
        String timeline = given().get("/ports/938").then().statusCode(200).extract().asString();
        assertTrue(timeline.contains("Unassigned since at least 2026-08-17"), timeline);
        assertTrue(timeline.contains("Assigned to frob on " + LocalDate.now()), timeline);
        assertNotEquals(-1, timeline.indexOf("href=\"/ports/938?at=2026-08-17\""));
    }
}
