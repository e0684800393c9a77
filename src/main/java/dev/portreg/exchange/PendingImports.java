package dev.portreg.exchange;

import dev.portreg.common.ProblemException;
import dev.portreg.exchange.OperatorImports.Prepared;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed imports waiting between their preview page and the operator's "Apply", kept in memory
 * under a random token and bound to the operator who previewed them, so that applying imports
 * exactly the document that was previewed, never a file fetched again.
 *
 * <p>Bounded: a preview lives {@link #TTL}; an operator has at most one (a new preview replaces the
 * old); at most {@link #MAX_WAITING} parsed documents wait at once (a full IANA registry is tens of
 * megabytes parsed), and a further preview is refused until one is applied or expires. After it is
 * applied, the token keeps only the small report, for the result page, until it expires too.
 * Nothing survives a restart, which only means previewing again.
 */
@ApplicationScoped
public class PendingImports {

    public static final Duration TTL = Duration.ofMinutes(15);

    public static final int MAX_WAITING = 4;

    /** Applied reports kept for their result pages, at most. */
    static final int MAX_KEPT = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token stands for. */
    public enum State {
        WAITING,
        APPLYING,
        APPLIED
    }

    /** One import: waiting with its parsed document, being applied, or applied with its report. */
    public record Pending(
            String token,
            String owner,
            State state,
            Prepared prepared,
            ImportReport report,
            Instant expires) {}

    private final Clock clock;
    private final Map<String, Pending> byToken = new LinkedHashMap<>();

    PendingImports(Clock clock) {
        this.clock = clock;
    }

    /**
     * Keeps a prepared import for {@code owner}; returns its token. Replaces the owner's waiting
     * import, if any.
     *
     * @throws ProblemException 503 when {@link #MAX_WAITING} imports already wait
     */
    public synchronized String put(String owner, Prepared prepared, ImportReport preview) {
        purge();
        byToken.values().removeIf(p -> p.owner().equals(owner) && p.state() == State.WAITING);
        long waiting = byToken.values().stream().filter(p -> p.state() != State.APPLIED).count();
        if (waiting >= MAX_WAITING) {
            throw new ProblemException(
                    503,
                    "Too many imports waiting",
                    MAX_WAITING
                            + " previewed imports are waiting to be applied. Try again when one"
                            + " is applied or has expired (after "
                            + TTL.toMinutes()
                            + " minutes).",
                    null);
        }
        String token = newToken();
        byToken.put(
                token,
                new Pending(
                        token, owner, State.WAITING, prepared, preview, clock.instant().plus(TTL)));
        return token;
    }

    /** The import under a token, if it exists, has not expired and belongs to {@code owner}. */
    public synchronized Optional<Pending> find(String token, String owner) {
        purge();
        Pending p = token == null ? null : byToken.get(token);
        return p != null && p.owner().equals(owner) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Takes a waiting import to apply it: from now on nobody else can. Returns empty when the token
     * is unknown, expired, someone else's, or already being applied or applied.
     */
    public synchronized Optional<Pending> claim(String token, String owner) {
        Optional<Pending> found = find(token, owner);
        if (found.isEmpty() || found.get().state() != State.WAITING) {
            return Optional.empty();
        }
        Pending p = found.get();
        byToken.put(
                token,
                new Pending(token, owner, State.APPLYING, p.prepared(), p.report(), p.expires()));
        return found;
    }

    /** Records what a claimed import did; the parsed document is let go. */
    public synchronized void applied(String token, ImportReport report) {
        Pending p = byToken.get(token);
        if (p != null) {
            byToken.put(
                    token,
                    new Pending(
                            token,
                            p.owner(),
                            State.APPLIED,
                            null,
                            report,
                            clock.instant().plus(TTL)));
        }
    }

    /** Forgets a claimed import that failed: it cannot be applied as previewed. */
    public synchronized void drop(String token) {
        byToken.remove(token);
    }

    /** How many imports are kept, in any state. */
    public synchronized int size() {
        purge();
        return byToken.size();
    }

    private void purge() {
        Instant now = clock.instant();
        byToken.values().removeIf(p -> !p.expires().isAfter(now));
        int applied =
                (int) byToken.values().stream().filter(p -> p.state() == State.APPLIED).count();
        Iterator<Pending> it = byToken.values().iterator();
        while (applied > MAX_KEPT && it.hasNext()) {
            if (it.next().state() == State.APPLIED) {
                it.remove();
                applied--;
            }
        }
    }

    /** 256 random bits, URL-safe. */
    private static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether text has the shape of a token, so anything else is refused before a lookup. */
    public static boolean looksLikeToken(String text) {
        return text != null && text.matches("[A-Za-z0-9_-]{43}");
    }
}
