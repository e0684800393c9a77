package dev.portreg.request;

import static io.restassured.RestAssured.given;

import dev.portreg.account.TestAccounts;
import dev.portreg.support.TestDb;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
     * Takes the iesg role from every account, so a test's ballot counts only the members it creates
     * (the pass rule depends on how many accounts hold the role).
     */
    public void noIesgMembers() {
        sql("DELETE FROM account_role WHERE role = 'iesg'");
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
