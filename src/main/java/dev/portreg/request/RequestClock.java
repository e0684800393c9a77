package dev.portreg.request;

import io.quarkus.qute.i18n.MessageBundles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How long each holder has had a request since it was submitted: the operator (IANA), the expert or
 * the IESG, the requester (while changes are asked for). The holder is the decider of each state
 * the log went through ({@link RequestState#decider()}); the current holder's clock runs until now.
 * A reviewer holding it past the RFC timeframe of their part is overdue.
 */
public final class RequestClock {

    /** RFC 8126 §5.3: an expert usually answers within a week. */
    public static final Duration EXPERT = Duration.ofDays(7);

    /** RFC 7605 §7.7: IANA's and the IESG's part take up to a month in complex cases. */
    public static final Duration REVIEWER = Duration.ofDays(30);

    /**
     * One holder's clock.
     *
     * @param timeframe the RFC timeframe of their part, or null (the requester has none)
     * @param current whether they hold the request now
     */
    public record Hold(
            Decider holder, Duration held, Duration timeframe, boolean current, boolean overdue) {

        /** "With the expert", "With IANA" (messages/msg.properties, holder_*). */
        public String label() {
            return MessageBundles.get(RequestMessages.class).holder(holder);
        }

        public long days() {
            return held.toDays();
        }

        /** The timeframe in days, or null. */
        public Long timeframeDays() {
            return timeframe == null ? null : timeframe.toDays();
        }
    }

    private RequestClock() {}

    /** The holds of a request's log, in the order holders first got it. */
    public static List<Hold> holds(List<RequestEvent> log, RequestState state, Instant now) {
        Map<Decider, Duration> held = new EnumMap<>(Decider.class);
        Decider holder = null;
        Instant since = null;
        for (RequestEvent e : log) {
            if (e.toState == null) {
                continue;
            }
            if (holder != null) {
                held.merge(holder, Duration.between(since, e.at), Duration::plus);
            }
            holder = e.toState.decider();
            since = e.at;
        }
        Decider current = state.terminal() ? null : holder;
        if (current != null && since != null) {
            held.merge(current, Duration.between(since, now), Duration::plus);
        }
        List<Hold> out = new ArrayList<>();
        for (Map.Entry<Decider, Duration> h : held.entrySet()) {
            if (h.getKey() == Decider.NOBODY) {
                continue;
            }
            Duration frame = timeframe(h.getKey());
            boolean now_ = h.getKey() == current;
            out.add(
                    new Hold(
                            h.getKey(),
                            h.getValue(),
                            frame,
                            now_,
                            now_ && frame != null && currentHold(log, now).compareTo(frame) > 0));
        }
        return List.copyOf(out);
    }

    /** How long the current holder has had it without a break: from the last move to now. */
    static Duration currentHold(List<RequestEvent> log, Instant now) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).toState != null) {
                return Duration.between(log.get(i).at, now);
            }
        }
        return Duration.ZERO;
    }

    /** The RFC timeframe of a holder's part; none for the requester. */
    public static Duration timeframe(Decider d) {
        return switch (d) {
            case EXPERT -> EXPERT;
            case IESG, IANA -> REVIEWER;
            case REQUESTER, NOBODY -> null;
        };
    }
}
