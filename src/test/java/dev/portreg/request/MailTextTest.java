package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static dev.portreg.request.RequestFixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request mails' words (templates/mail/): each template renders the text the mails always said,
 * and a submission and a rejection arrive with exactly that text and subject.
 */
@QuarkusTest
class MailTextTest {

    private static final String LINK = "http://localhost:8080/requests/7";
    private static final String WHAT = "new assignment frob on 40080/tcp";

    @Inject RequestFixtures fixtures;
    @Inject MockMailbox mailbox;

    @BeforeEach
    void registry() {
        fixtures.sampleRegistry();
        mailbox.clear();
    }

    @Test
    void everyTemplateSaysWhatTheMailsSay() {
        assertEquals(
                "Request " + WHAT + " by Ann Example waits for expert review.\n\n" + LINK,
                Notifications.text(
                        Notifications.Templates.waitsFor(
                                WHAT, "Ann Example", "expert review", LINK)));
        assertEquals(
                "Your request "
                        + WHAT
                        + " was submitted and now waits for expert review (Expert Review).\n\n"
                        + LINK,
                Notifications.text(
                        Notifications.Templates.submitted(
                                WHAT, "expert review", "Expert Review", LINK)));
        assertEquals(
                "IANA proposes to revoke "
                        + WHAT
                        + ". The four-week community call ends 2026-12-29T00:00:00Z (RFC 6335"
                        + " §8.4).\n\n"
                        + LINK,
                Notifications.text(
                        Notifications.Templates.callStarted(WHAT, "2026-12-29T00:00:00Z", LINK)));
        assertEquals(
                "A reviewer asked for changes to "
                        + WHAT
                        + ":\n\nSay why.\nPrecisely.\n\nEdit and resubmit:\n\n"
                        + LINK,
                Notifications.text(
                        Notifications.Templates.changesRequested(
                                WHAT, "Say why.\nPrecisely.", LINK)));
        assertEquals(
                "Your request "
                        + WHAT
                        + " was approved. IANA will now update the registry.\n\n"
                        + LINK,
                Notifications.text(Notifications.Templates.approved(WHAT, LINK)));
        assertEquals(
                "Request " + WHAT + " was approved and waits for the registry action.\n\n" + LINK,
                Notifications.text(Notifications.Templates.approvedForRegistry(WHAT, LINK)));
        assertEquals(
                "Your request " + WHAT + " was rejected:\n\nNot needed.\n\n" + LINK,
                Notifications.text(Notifications.Templates.rejected(WHAT, "Not needed.", LINK)));
        // An operator's empty note leaves its empty line, as the mail always had.
        assertEquals(
                "The registry now records " + WHAT + ".\n\n\n\n" + LINK,
                Notifications.text(Notifications.Templates.completed(WHAT, "", LINK)));
        assertEquals(
                "A reply on "
                        + WHAT
                        + ":\n\n<b>found by port</b> & {not a tag}\n\nRead the conversation and"
                        + " answer:\n\n"
                        + LINK,
                Notifications.text(
                        Notifications.Templates.reply(
                                WHAT, "<b>found by port</b> & {not a tag}", LINK)));
        assertEquals(
                "Request #7 ("
                        + WHAT
                        + ") waits for expert review beyond the 7-day timeframe.\n\n"
                        + LINK,
                Notifications.text(
                        RequestReminders.Templates.overdue(7, WHAT, "expert review", 7, LINK)));
    }

    @Test
    void aSubmissionAndARejectionAreMailedWordForWord() {
        String requester = fixtures.account();
        String expert = fixtures.account("expert");
        String name = RequestFixtures.name();
        int id =
                as(requester)
                        .body(RequestFixtures.request(name, "40080", null, "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        String what = "new assignment " + name + " on 40080/tcp";
        String link = "http://localhost:8080/requests/" + id;

        Mail toRequester = only(email(requester));
        assertEquals(
                "[Port Registry] Request #" + id + " submitted: " + what, toRequester.getSubject());
        assertEquals(
                "Your request "
                        + what
                        + " was submitted and now waits for expert review (Expert Review).\n\n"
                        + link,
                toRequester.getText());
        Mail toExpert = only(email(expert));
        assertEquals(
                "[Port Registry] Request #" + id + " waits for you: " + what,
                toExpert.getSubject());
        assertEquals(
                "Request "
                        + what
                        + " by Test "
                        + requester
                        + " waits for expert review.\n\n"
                        + link,
                toExpert.getText());
        assertEquals(null, toExpert.getHtml());

        mailbox.clear();
        as(expert)
                .body(Map.of("decision", "reject", "comment", "Use a Dynamic port: 49152-65535."))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200);
        Mail rejected = only(email(requester));
        assertEquals("[Port Registry] Request #" + id + " rejected", rejected.getSubject());
        assertEquals(
                "Your request "
                        + what
                        + " was rejected:\n\nUse a Dynamic port: 49152-65535.\n\n"
                        + link,
                rejected.getText());
    }

    private Mail only(String to) {
        List<Mail> mails = mailbox.getMailsSentTo(to);
        assertEquals(1, mails == null ? 0 : mails.size(), "mails to " + to);
        return mails.get(0);
    }
}
