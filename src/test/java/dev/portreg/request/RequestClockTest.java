package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static dev.portreg.request.RequestFixtures.email;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portreg.support.TestClock;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clocks by holder (issue 9): the expert's week (RFC 8126 §5.3), flagged when over on the request
 * and in the queue, and one reminder mail a day to the holders, on the injected clock.
 */
@QuarkusTest
class RequestClockTest {

    @Inject RequestFixtures fixtures;
    @Inject TestClock clock;
    @Inject RequestReminders reminders;
    @Inject MockMailbox mailbox;

    @BeforeEach
    void registry() {
        fixtures.sampleRegistry();
        mailbox.clear();
    }

    @AfterEach
    void back() {
        clock.reset();
    }

    @Test
    void anExpertPastTheirWeekIsFlaggedAndRemindedOnceADay() {
        String requester = fixtures.account();
        String expert = fixtures.account("expert");
        int id =
                as(requester)
                        .body(RequestFixtures.request(RequestFixtures.name(), "40070", null, "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        as(expert)
                .get("/api/v1/requests/" + id)
                .then()
                .body("clocks[0].holder", equalTo("EXPERT"))
                .body("clocks[0].overdue", equalTo(false));
        reminders.remind();
        assertEquals(0, about(expert, id), "not overdue yet");

        clock.advance(Duration.ofDays(8));
        as(expert)
                .get("/api/v1/requests/" + id)
                .then()
                .body("clocks[0].current", equalTo(true))
                .body("clocks[0].overdue", equalTo(true));
        as(expert)
                .get("/api/v1/queues/expert")
                .then()
                .body("find { it.id == " + id + " }.holder", containsString("overdue"));
        reminders.remind();
        reminders.remind(); // the same day again: nothing more
        assertEquals(1, about(expert, id));
        assertEquals(0, about(requester, id));

        clock.advance(Duration.ofDays(1));
        reminders.remind();
        assertEquals(2, about(expert, id), "the next day, again");
    }

    /** Reminders to {@code who} about request {@code id} (other tests' requests may be due too). */
    private long about(String who, int id) {
        return mailbox.getMailsSentTo(email(who)).stream()
                .filter(m -> m.getSubject().contains("request #" + id + " "))
                .count();
    }
}
