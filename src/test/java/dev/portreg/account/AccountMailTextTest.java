package dev.portreg.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The account mails' words (templates/mail/): the texts the mails always said. */
@QuarkusTest
class AccountMailTextTest {

    @Test
    void theVerificationMailSaysWhatToDo() {
        assertEquals(
                "Hello Ada,\n\nTo confirm that this address is yours, open\n\n"
                        + "  http://localhost:8080/account/verify/tok3n\n\n"
                        + "and press Confirm. The link works once, for 24 hours. Until then you can"
                        + " draft requests but not submit them.\n\n"
                        + "If you did not register at the Port Registry, ignore this mail.\n",
                AccountMails.Templates.verifyAddress(
                                "Ada", "http://localhost:8080/account/verify/tok3n", "24 hours")
                        .render());
    }

    @Test
    void theResetMailSaysWhatToDo() {
        assertEquals(
                "Hello Ada <admin>,\n\nSomeone (we hope you) asked to reset the password of your"
                        + " Port Registry account. To choose a new one, open\n\n"
                        + "  http://localhost:8080/password-reset/tok3n\n\n"
                        + "The link works once, for 1 hour. If you did not ask for it, ignore this"
                        + " mail: your password stays as it is.\n",
                AccountMails.Templates.resetPassword(
                                "Ada <admin>",
                                "http://localhost:8080/password-reset/tok3n",
                                "1 hour")
                        .render());
    }
}
