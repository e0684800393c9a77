package dev.portreg.request;

import static io.restassured.RestAssured.given;

import dev.portreg.account.TestAccounts;
import dev.portreg.support.TestDb;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds what request tests need: the sample registry, accounts with roles, a draft for 938. */
@ApplicationScoped
public class RequestFixtures {

    public static final String PASSWORD = "Seven tidy walruses 42";

    private final TestAccounts testAccounts;
    private final TestDb db;
    private final AgroalDataSource dataSource;
    private final List<String> createdMembers = new ArrayList<>();

    RequestFixtures(TestAccounts testAccounts, TestDb db, AgroalDataSource dataSource) {
        this.testAccounts = testAccounts;
        this.db = db;
        this.dataSource = dataSource;
    }

    /**
     * The registry of src/test/resources/iana/requests.xml: sample.xml (port 938 free, 953 rndc,
     * ...) plus the free User ports 40000-40099.
     */
    public void sampleRegistry() {
        db.resetToResource("/iana/requests.xml");
    }

    /**
     * A new account with a unique name holding requester and {@code roles}, its address verified
     * (as if its owner had followed the mailed link).
     */
    public String account(String... roles) {
        return testAccounts.create(roles);
    }

    /** A new account with this address, verified or not. */
    public String accountWithEmail(String email, boolean verified, String... roles) {
        return testAccounts.createWithEmail(email, verified, roles);
    }

    /** The registry of requests.xml plus pop3s (IESG on tcp, Gordon on udp), imaps and gordsvc. */
    public void ownershipRegistry() {
        db.resetToResource("/iana/ownership.xml");
    }

    /** A new account whose address is not verified yet: it drafts, but cannot submit. */
    public String unverifiedAccount(String... roles) {
        return testAccounts.createUnverified(roles);
    }

    /**
     * The IESG of one test: {@code count} new members of its own (holding {@code moreRoles} too),
     * beside the members other tests left in the schema. {@link #retireIesg} takes the role from
     * them again after the test.
     */
    public Iesg iesg(int count, String... moreRoles) {
        int others = (int) count("SELECT count(*) FROM account_role WHERE role = 'iesg'");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(iesgMember(moreRoles));
        }
        List<String> quorum = new ArrayList<>();
        for (int i = 0; i < 2 * others; i++) {
            quorum.add(iesgMember());
        }
        return new Iesg(others, List.copyOf(members), List.copyOf(quorum));
    }

    /**
     * One IESG member (holding {@code moreRoles} too) for a test whose outcome does not depend on
     * how many members there are; {@link #retireIesg} takes the role from it after the test.
     */
    public String iesgMember(String... moreRoles) {
        String[] roles = new String[moreRoles.length + 1];
        roles[0] = "iesg";
        System.arraycopy(moreRoles, 0, roles, 1, moreRoles.length);
        String member = account(roles);
        createdMembers.add(member);
        return member;
    }

    /**
     * Takes the iesg role from the members {@link #iesg} and {@link #iesgMember} created, and from
     * nobody else.
     */
    public void retireIesg() {
        if (createdMembers.isEmpty()) {
            return;
        }
        sql(
                "DELETE FROM account_role WHERE role = 'iesg' AND account_id IN (SELECT id FROM"
                        + " account WHERE username IN ('"
                        + String.join("', '", createdMembers)
                        + "'))");
        createdMembers.clear();
    }

    /**
     * The IESG members a test built, for ballots. A ballot counts every account holding the iesg
     * role, so the {@code others} that other tests left count too, as No Record: {@link
     * #outweighOthers} has the {@code quorum}, two more members of the test's own for each of them,
     * say No Objection. With them, ⌈2/3 × (3 × others + n)⌉ = 2 × others + ⌈2/3 × n⌉: the test's n
     * members need exactly the positions they would need alone. When no other member exists (the
     * usual case: every ballot test retires its members), there is no quorum and the counts below
     * are the test's own numbers.
     */
    public record Iesg(int others, List<String> members, List<String> quorum) {

        public String member(int i) {
            return members.get(i);
        }

        /** The ballot's member count while {@code own} of the test's members hold the role. */
        public int counted(int own) {
            return others + quorum.size() + own;
        }

        /** Yes + No Objection needed when the test's own members alone would need {@code own}. */
        public int needed(int own) {
            return quorum.size() + own;
        }

        /** Positions on the ballot once the quorum and {@code own} of the test's members voted. */
        public int positions(int own) {
            return quorum.size() + own;
        }

        /**
         * The quorum says No Objection on the request as it is now (again after a resubmission).
         */
        public void outweighOthers(int requestId) {
            for (String m : quorum) {
                as(m).body(Map.of("position", "no-objection"))
                        .post("/api/v1/requests/" + requestId + "/ballot")
                        .then()
                        .statusCode(200);
            }
        }
    }

    public long count(String query) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void sql(String statement) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The email address of a test account. */
    public static String email(String username) {
        return username + "@example.org";
    }

    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, PASSWORD).contentType(ContentType.JSON);
    }

    /** A complete new-assignment request, as the API takes it, with Ann Example as assignee. */
    public static Map<String, Object> request(
            String name, String port, String track, String... transports) {
        return requestBy("ann@example.org", name, port, track, transports);
    }

    /** The same, with {@code email} as the assignee's and contact's address (who owns it later). */
    public static Map<String, Object> requestBy(
            String email, String name, String port, String track, String... transports) {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", "new-assignment");
        m.put("serviceName", name);
        if (port != null) {
            m.put("port", port);
        }
        m.put("transports", List.of(transports));
        if (track != null) {
            m.put("track", track);
        }
        m.put("description", "Frobnication protocol");
        m.put("assignee", Map.of("name", "Ann Example", "org", "Example Org", "email", email));
        m.put("contact", Map.of("name", "Ann Example", "email", email));
        m.put("reference", "draft-example-frob-01");
        m.put("castStatement", "No broadcast, multicast or anycast.");
        m.put("justification", "Clients behind firewalls need a fixed port.");
        m.put("systemJustification", "It runs before any user process starts.");
        m.put("stableSpecification", "RFC 9999");
        return m;
    }

    /** A unique, valid service name. */
    public static String name() {
        return "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
