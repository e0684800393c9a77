package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.TestClock;
import dev.portreg.support.TestDb;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily check of early allocations on the injected clock: one reminder a month before expiry,
 * then expiry as a registry change that gives the port back.
 */
@QuarkusTest
class EarlyAllocationClockTest {

    static final String CHAIR = "rift-chair@example.org";

    @Inject TestDb db;
    @Inject TestClock clock;
    @Inject RegistryChanges changes;
    @Inject EarlyAllocationClock check;
    @Inject MockMailbox mailbox;

    @BeforeEach
    void sample() {
        db.resetToResource("/iana/sample.xml");
        db.update("DELETE FROM early_allocation_reminder");
        mailbox.clear();
    }

    @AfterEach
    void timeBack() {
        clock.reset();
        db.resetToResource("/iana/sample.xml");
    }

    private LocalDate allocate() {
        RegistryPlans.Assignment a =
                new RegistryPlans.Assignment(
                        "rift-lies",
                        Ports.of(938),
                        null,
                        List.of(Transport.UDP),
                        "Routing in Fat Trees Link Information Elements",
                        new Person(null, "Rita Chair", "RIFT WG", CHAIR, null, null),
                        null,
                        List.of(new Reference("draft", "draft-ietf-rift-rift-16", null, null)),
                        null,
                        null,
                        null);
        changes.apply(
                new RegistryChanges.Request(
                        "iana-operator",
                        null,
                        "test",
                        "early allocation",
                        ctx -> EarlyAllocationPlans.allocate(ctx.registry(), a, ctx.today())));
        return LocalDate.now(clock);
    }

    @Test
    void remindsOnceAMonthBeforeThenExpiresTheDayAfter() {
        LocalDate made = allocate();
        given().get("/api/v1/ports/938")
                .then()
                .body("transports.find { it.transport == 'udp' }.status", equalTo("assigned"));
        assertEquals(new EarlyAllocationClock.Checked(List.of(), List.of()), check.check());

        clock.advance(Duration.ofDays(made.plusYears(1).toEpochDay() - made.toEpochDay() - 20));
        assertEquals(
                new EarlyAllocationClock.Checked(List.of(), List.of("rift-lies")), check.check());
        List<Mail> sent = mailbox.getMailsSentTo(CHAIR);
        assertEquals(1, sent.size());
        assertTrue(
                sent.get(0).getSubject().endsWith("expires on " + made.plusYears(1)),
                sent.get(0).getSubject());
        assertTrue(sent.get(0).getText().contains("Hello Rita Chair"), sent.get(0).getText());
        assertTrue(sent.get(0).getText().contains("its one extension"), sent.get(0).getText());
        // The next day's check does not mail again.
        clock.advance(Duration.ofDays(1));
        assertEquals(new EarlyAllocationClock.Checked(List.of(), List.of()), check.check());
        assertEquals(1, mailbox.getMailsSentTo(CHAIR).size());

        // It holds through its expiry day, and goes the day after.
        clock.advance(Duration.ofDays(19));
        assertEquals(LocalDate.now(clock), made.plusYears(1));
        assertEquals(new EarlyAllocationClock.Checked(List.of(), List.of()), check.check());
        clock.advance(Duration.ofDays(1));
        assertEquals(
                new EarlyAllocationClock.Checked(List.of("rift-lies"), List.of()), check.check());
        given().get("/api/v1/ports/938")
                .then()
                .body("transports.find { it.transport == 'udp' }.status", equalTo("unassigned"))
                .body("transports.find { it.transport == 'tcp' }.status", equalTo("unassigned"));
        assertEquals(
                List.of(
                        List.of(
                                "system",
                                "RFC 7120 expiry",
                                "the early allocation of rift-lies expired")),
                db.rows(
                        "SELECT actor, source_name, reason FROM registry_change"
                                + " WHERE revision = (SELECT max(revision) FROM registry_change)"));
        // Nothing left to do.
        assertEquals(new EarlyAllocationClock.Checked(List.of(), List.of()), check.check());
    }
}
