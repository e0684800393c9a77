package dev.portreg.account;

import dev.portreg.common.ProblemException;
import java.time.Duration;
import java.util.List;

/**
 * What the mailed links (address verification, password reset) share: how many mails a window
 * allows, the answer for a link that is not good any more, and how a link's lifetime is worded in
 * its mail.
 */
final class LinkMail {

    private LinkMail() {}

    /** At most {@code max} mails per {@code portreg.security.mail.window}. */
    static Throttle.Limit limit(SecurityConfig config, int max) {
        return new Throttle.Limit(max, config.mail().window());
    }

    /** 410: the link is unknown, used, expired or superseded. */
    static ProblemException gone() {
        return new ProblemException(
                410,
                "Gone",
                "This link is not good any more: it was used already, it expired, or a newer one"
                        + " was mailed. Ask for a new one.",
                List.of());
    }

    /** "24 hours", "1 hour", "30 minutes". */
    static String describe(Duration d) {
        long h = d.toHours();
        return h >= 1 ? h + (h == 1 ? " hour" : " hours") : d.toMinutes() + " minutes";
    }
}
