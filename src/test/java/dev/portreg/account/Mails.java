package dev.portreg.account;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the links account mails carry from the mock mailbox (mail leaves after the commit). */
@ApplicationScoped
public class Mails {

    private final MockMailbox mailbox;

    Mails(MockMailbox mailbox) {
        this.mailbox = mailbox;
    }

    /** The mails sent to {@code to}, waiting up to five seconds for {@code count} of them. */
    public List<Mail> waitFor(String to, int count) {
        long deadline = System.currentTimeMillis() + 5000;
        List<Mail> mails = mailbox.getMailsSentTo(to);
        while ((mails == null || mails.size() < count) && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            mails = mailbox.getMailsSentTo(to);
        }
        return mails == null ? List.of() : mails;
    }

    /** How many mails went to {@code to} so far. */
    public int count(String to) {
        List<Mail> mails = mailbox.getMailsSentTo(to);
        return mails == null ? 0 : mails.size();
    }

    /** The path (from "/") of the link in the newest mail to {@code to} under {@code prefix}. */
    public String link(String to, String prefix, int expected) {
        List<Mail> mails = waitFor(to, expected);
        if (mails.size() < expected) {
            throw new AssertionError(
                    "expected " + expected + " mails to " + to + ", got " + mails.size());
        }
        String text = mails.get(mails.size() - 1).getText();
        Matcher m =
                Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+)")
                        .matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + prefix + " link in: " + text);
        }
        return m.group(1);
    }
}
