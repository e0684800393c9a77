package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Races with real threads against PostgreSQL: the database decides who wins. */
@QuarkusTest
class ConcurrencyTest {

    @Inject RequestFixtures fixtures;
    @Inject AgroalDataSource dataSource;

    @BeforeEach
    void registry() {
        fixtures.sampleRegistry();
    }

    @AfterEach
    void retire() {
        fixtures.retireIesg();
    }

    /** Two requests for 938/tcp, both approved, completed at the same moment: one wins. */
    @Test
    void twoCompletionsOfOnePortExactlyOneAssigned() throws Exception {
        String expert = fixtures.account("expert");
        String operator1 = fixtures.account("iana");
        String operator2 = fixtures.account("iana");
        int a = approvedUserPortRequest(fixtures.account(), expert, "40050");
        int b = approvedUserPortRequest(fixtures.account(), expert, "40050");

        List<Response> answers =
                race(
                        () -> as(operator1).post("/api/v1/requests/" + a + "/complete"),
                        () -> as(operator2).post("/api/v1/requests/" + b + "/complete"));

        List<Integer> codes = answers.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(200, 409), codes);
        Response lost = answers.get(0).statusCode() == 409 ? answers.get(0) : answers.get(1);
        assertEquals(true, lost.jsonPath().getString("detail").contains("no longer"));
        as(operator1)
                .get("/api/v1/ports/40050")
                .then()
                .body("transports[0].status", org.hamcrest.Matchers.equalTo("assigned"))
                .body("transports[0].services.size()", org.hamcrest.Matchers.equalTo(1));
    }

    /** Two experts deciding one request at once: one decision stands, the other is a 409. */
    @Test
    void twoReviewersActingAtOnceOneWins() throws Exception {
        String expert1 = fixtures.account("expert");
        String expert2 = fixtures.account("expert");
        int id = submittedUserPortRequest(fixtures.account(), "40060");

        List<Response> answers =
                race(
                        () ->
                                as(expert1)
                                        .body(Map.of("decision", "approve"))
                                        .post("/api/v1/requests/" + id + "/review"),
                        () ->
                                as(expert2)
                                        .body(Map.of("decision", "reject", "comment", "No."))
                                        .post("/api/v1/requests/" + id + "/review"));

        List<Integer> codes = answers.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(200, 409), codes);
        Response won = answers.get(0).statusCode() == 200 ? answers.get(0) : answers.get(1);
        // The log holds exactly one decision, matching the state.
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM request_event WHERE request_id = "
                                + id
                                + " AND kind IN ('approved', 'rejected')"));
        as(expert1)
                .get("/api/v1/requests/" + id)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo(won.jsonPath().getString("status")));
    }

    /**
     * Three IESG members, all with the page as it was before any of them voted, enter their
     * positions at the same moment: none is refused (positions are each member's own record), all
     * three are counted, and the one that makes the ballot pass approves it once, credited to the
     * ballot rather than to whoever came last.
     */
    @Test
    void threeMembersBallotAtOnceNoneIsLostAndTheBallotApprovesOnce() throws Exception {
        String requester = fixtures.account();
        RequestFixtures.Iesg iesg = fixtures.iesg(4); // four members: 3 positions needed
        String m1 = iesg.member(0), m2 = iesg.member(1), m3 = iesg.member(2);
        int id =
                as(requester)
                        .body(
                                RequestFixtures.request(
                                        RequestFixtures.name(), "938", "iesg-approval", "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        int loaded =
                as(requester)
                        .post("/api/v1/requests/" + id + "/submit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("version");
        iesg.outweighOthers(id);
        String url = "/api/v1/requests/" + id + "/ballot";
        String stale = "\"" + loaded + "\"";

        List<Response> answers =
                race(
                        () ->
                                as(m1).header("If-Match", stale)
                                        .body(Map.of("position", "yes"))
                                        .post(url),
                        () ->
                                as(m2).header("If-Match", stale)
                                        .body(Map.of("position", "no-objection"))
                                        .post(url),
                        () ->
                                as(m3).header("If-Match", stale)
                                        .body(Map.of("position", "no-objection"))
                                        .post(url));

        assertEquals(
                List.of(200, 200, 200),
                answers.stream().map(Response::statusCode).toList(),
                answers.get(0).asString() + answers.get(1).asString() + answers.get(2).asString());
        String where = " FROM request_event WHERE request_id = " + id;
        assertEquals(iesg.positions(3), count("SELECT count(*)" + where + " AND kind = 'ballot'"));
        assertEquals(
                1,
                count("SELECT count(*)" + where + " AND kind = 'approved' AND actor_id IS NULL"));
        as(requester)
                .get("/api/v1/requests/" + id)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo("approved"))
                .body("ballot.positions.size()", org.hamcrest.Matchers.equalTo(iesg.positions(3)));
    }

    /** The exclusion constraint itself, without any Java check in front of it. */
    @Test
    void theDatabaseRefusesASecondHolder() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute(
                        "INSERT INTO port_holding (transport, ports) VALUES ('tcp', '[41000,41001)')");
                SQLException e =
                        org.junit.jupiter.api.Assertions.assertThrows(
                                SQLException.class,
                                () ->
                                        s.execute(
                                                "INSERT INTO port_holding (transport, ports)"
                                                        + " VALUES ('tcp', '[40990,41005)')"));
                assertEquals("23P01", e.getSQLState());
            } finally {
                c.rollback();
            }
            // Another transport may hold the same number.
            s.execute(
                    "INSERT INTO port_holding (transport, ports) VALUES ('tcp', '[41000,41001)')");
            s.execute(
                    "INSERT INTO port_holding (transport, ports) VALUES ('udp', '[41000,41001)')");
            c.rollback();
        }
    }

    private int submittedUserPortRequest(String requester, String port) {
        int id =
                as(requester)
                        .body(RequestFixtures.request(RequestFixtures.name(), port, null, "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        return id;
    }

    private int approvedUserPortRequest(String requester, String expert, String port) {
        int id = submittedUserPortRequest(requester, port);
        as(expert)
                .body(Map.of("decision", "approve"))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200);
        return id;
    }

    @SafeVarargs
    private static List<Response> race(Callable<Response>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return call.call();
                                }));
            }
            start.countDown();
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
