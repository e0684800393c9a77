package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.HistoryFixtures;
import dev.portreg.support.IanaFiles;
import dev.portreg.support.IanaFiles.IanaFile;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * IANA's own versions of 2015-2026, imported as one series in date order, make the registry's
 * history: one change set per version dated by its registry date, the right changes between them,
 * the last version's every status, and time travel that answers for any day since 2015.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IanaSeriesTest {

    @Inject TestDb db;
    @Inject HistoryFixtures fixtures;
    @Inject Registry registry;

    JsonPath report;
    long firstRevision;

    @BeforeEach
    void importTheSeriesOnce() throws IOException {
        IanaFiles.assumePresent();
        if (report != null) {
            return;
        }
        db.clearRegistry();
        firstRevision = db.count("SELECT coalesce(max(revision), 0) FROM registry_change") + 1;
        // newest first in the zip: the importer sorts them by date
        List<IanaFile> files = new ArrayList<>(IanaFiles.ALL);
        java.util.Collections.reverse(files);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            for (IanaFile f : files) {
                z.putNextEntry(new ZipEntry(f.path()));
                z.write(f.bytes());
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("history/SOURCE.md"));
            z.write("notes are skipped".getBytes());
            z.closeEntry();
        }
        String operator = fixtures.account("iana");
        report =
                given().config(
                                io.restassured.RestAssured.config()
                                        .httpClient(
                                                io.restassured.config.HttpClientConfig
                                                        .httpClientConfig()
                                                        // twelve versions on a busy machine
                                                        .setParam("http.socket.timeout", 600_000)))
                        .auth()
                        .preemptive()
                        .basic(operator, HistoryFixtures.PASSWORD)
                        .contentType("application/zip")
                        .body(zip.toByteArray())
                        .post("/api/v1/registry/import/series")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
    }

    @AfterAll
    void leaveTheSample() {
        if (IanaFiles.present()) {
            fixtures.leaveTheSample();
        }
    }

    @Test
    void eachVersionIsOneChangeSetInDateOrder() {
        assertEquals(IanaFiles.ALL.size(), report.getInt("files"));
        List<String> names = report.getList("imported.name");
        assertEquals(
                IanaFiles.ALL.stream()
                        .map(f -> f.path().substring(f.path().lastIndexOf('/') + 1))
                        .toList(),
                names);
        List<List<String>> rows =
                db.rows(
                        "SELECT revision::text, kind, source_name, source_date::text,"
                                + " effective_date::text FROM registry_change WHERE revision >= ?"
                                + " ORDER BY revision",
                        firstRevision);
        assertEquals(IanaFiles.ALL.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            IanaFile f = IanaFiles.ALL.get(i);
            List<String> r = rows.get(i);
            assertEquals(Long.toString(firstRevision + i), r.get(0), "gap-free revisions");
            assertEquals(i == 0 ? "seed" : "import", r.get(1));
            assertEquals(f.date().toString(), r.get(3), "registry date of " + f);
            assertEquals(f.date().toString(), r.get(4), "the day the registry stood so");
        }
        assertEquals(
                IanaFiles.ALL.get(0).records(),
                db.count(
                        "SELECT count(*) FROM registry_change_item WHERE revision = ?",
                        firstRevision),
                "the first version lists every entry");
    }

    @Test
    void theRegistryEndsExactlyAsTheNewestVersion() {
        IanaFile newest = IanaFiles.newestXml();
        RegistrySnapshot s = registry.snapshot();
        assertEquals(newest.records(), s.entries().size());
        IanaFiles.Status[][] want = IanaFiles.statuses(IanaFiles.rows(newest));
        List<String> wrong = new ArrayList<>();
        for (int t = 0; t < Transport.ALL.size(); t++) {
            Transport transport = Transport.parse(IanaFiles.TRANSPORTS.get(t)).orElseThrow();
            for (int p = 0; p <= PortRange.MAX_PORT; p++) {
                String expected = want[t][p].name();
                String actual = s.status(p, transport).name();
                if (!expected.equals(actual) && wrong.size() < 10) {
                    wrong.add(p + "/" + transport + ": " + actual + " instead of " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(LocalDate.of(2026, 8, 17), s.info().orElseThrow().updated());
    }

    @Test
    void timeTravelAnswersForAnyDaySince2015() {
        // 3283 held the 36-character legacy name until 2025-01-23
        given().get("/api/v1/services/net-assistant?at=2016-06-01").then().statusCode(404);
        given().get("/api/v1/ports/3283?at=2016-06-01")
                .then()
                .statusCode(200)
                .body("transports[0].services[0]", equalTo(IanaFiles.APPLE_REMOTE_DESKTOP))
                .body("registry.updated", equalTo("2015-01-09"));
        given().get("/api/v1/ports/3283?at=2026-01-01")
                .then()
                .statusCode(200)
                .body("transports[0].services[0]", equalTo("net-assistant"))
                .body("registry.updated", equalTo("2025-12-15"));
        given().get("/api/v1/ports/3283")
                .then()
                .body("transports[0].services[0]", equalTo("net-assistant"));
        // tacacss on 300 came with RFC 9887 in 2025
        given().get("/api/v1/ports/300?at=2024-12-31")
                .then()
                .body("transports[0].status", equalTo("unassigned"));
        given().get("/api/v1/ports/300").then().body("transports[0].status", equalTo("assigned"));
        // the day before the first version is not known
        given().get("/api/v1/ports/938?at=2015-01-08")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("at"))
                .body("detail", org.hamcrest.Matchers.containsString("2015-01-09"));
        // an export as the registry stood on a day
        String csv2016 =
                given().queryParam("format", "csv")
                        .queryParam("at", "2016-06-01")
                        .get("/api/v1/registry/export")
                        .then()
                        .statusCode(200)
                        .header("ETag", equalTo("W/\"r" + firstRevision + "\""))
                        .extract()
                        .asString();
        assertTrue(csv2016.contains(IanaFiles.APPLE_REMOTE_DESKTOP), "the 2015 version");
    }

    @Test
    void aPortsTimelineTellsItsStory() {
        JsonPath t =
                given().get("/api/v1/ports/938/timeline")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> events = t.getList("events");
        assertEquals(1, events.size(), "938 never changed: " + events);
        assertEquals("Unassigned since at least 2015-01-09", events.get(0).get("text"));
        List<Map<String, Object>> smtp =
                given().get("/api/v1/ports/300/timeline").jsonPath().getList("events");
        assertTrue(
                smtp.stream()
                        .anyMatch(
                                e -> e.get("text").toString().startsWith("Assigned to tacacss on")),
                smtp.toString());
        List<Map<String, Object>> rename =
                given().get("/api/v1/ports/3283/timeline").jsonPath().getList("events");
        assertTrue(
                rename.stream()
                        .anyMatch(
                                e ->
                                        e.get("text")
                                                .equals(
                                                        "renamed from "
                                                                + IanaFiles.APPLE_REMOTE_DESKTOP
                                                                + " to net-assistant on 2025-12-15")),
                rename.toString());
    }

    @Test
    void changeSetsBetweenTwoDaysListTheirItems() {
        JsonPath page =
                given().get("/api/v1/registry/changes?since=2024-01-01&until=2024-12-31&items=5")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertEquals(
                List.of("iana-2024-03-05.xml", "iana-2024-03-18.xml", "iana-2024-05-22.csv"),
                page.getList("items.sourceName"));
        given().get("/api/v1/registry/changes?since=" + firstRevision)
                .then()
                .body("total", equalTo(IanaFiles.ALL.size() - 1));
        given().get("/api/v1/registry/changes?since=yesterday")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("since"));
    }
}
