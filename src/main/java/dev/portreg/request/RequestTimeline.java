package dev.portreg.request;

import static dev.portreg.request.AssessmentPanel.*;
import static dev.portreg.request.RequestBallot.*;
import static dev.portreg.request.RequestFormPage.*;
import static dev.portreg.request.RequestPageViews.*;

import dev.portreg.request.RequestViews.EventView;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.review.BallotPosition;
import io.quarkus.qute.i18n.MessageBundles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request's timeline: one item per event of its log, field changes labelled by the field model.
 */
public final class RequestTimeline {

    private RequestTimeline() {}

    /** A field that changed: before and after. */
    public record Change(String label, String before, String after) {}

    /**
     * One event of the timeline.
     *
     * @param link a page the event points to (the registry change of a completion), or null
     */
    public record TimelineItem(
            long id,
            EventKind kind,
            String title,
            String actor,
            String when,
            String iso,
            RequestState from,
            RequestState to,
            String comment,
            boolean blocking,
            String changesTitle,
            List<Change> changes,
            List<String> lines,
            String link,
            String linkLabel,
            List<String> mails) {}

    static List<TimelineItem> timeline(RequestView v) {
        List<TimelineItem> out = new ArrayList<>();
        for (EventView e : v.events()) {
            out.add(timelineItem(e));
        }
        return List.copyOf(out);
    }

    /** What the timeline shows of one event: its title and details, then the item. */
    static TimelineItem timelineItem(EventView e) {
        Map<String, Object> data = e.data() == null ? Map.of() : e.data();
        Draft it = new Draft(e.comment());
        it.title = title(e, data, it, MessageBundles.get(RequestMessages.class));
        return item(e, it);
    }

    /**
     * An event's title (messages/msg.properties, event*), filling in the details its kind shows: a
     * switch without default, so no kind is forgotten.
     */
    private static String title(
            EventView e, Map<String, Object> data, Draft it, RequestMessages msg) {
        return switch (e.kind()) {
            case CREATED -> msg.eventCreated();
            case EDITED -> {
                it.changes = changes(data.get("changes"));
                yield msg.eventEdited();
            }
            case SUBMITTED -> msg.eventSubmitted(trackLabel(data.get("track")));
            case RESUBMITTED -> resubmitted(data, it, msg);
            case WITHDRAWN -> msg.eventWithdrawn();
            case APPROVED ->
                    data.containsKey("needed") ? msg.eventApprovedByBallot() : msg.eventApproved();
            case CHANGES_REQUESTED -> msg.eventChangesRequested();
            case REJECTED -> msg.eventRejected();
            case BALLOT -> {
                BallotPosition p = position(data, it);
                it.blocking = p.blocking;
                yield msg.eventBallot(p.label);
            }
            case DISCUSS_CLEARED -> msg.eventDiscussCleared(position(data, it).label);
            case REPLY -> reply(data, it, msg);
            case TAKEN ->
                    data.get("from") == null
                            ? msg.eventTaken()
                            : msg.eventTakenOver(String.valueOf(data.get("from")));
            case CALL_STARTED -> {
                callDates(e, data, it);
                yield msg.eventCallStarted();
            }
            case CALL_ENDED -> msg.eventCallEnded();
            case COMPLETED -> {
                registryChange(data, it);
                yield msg.eventCompleted();
            }
        };
    }

    /** A resubmission: what changed since the last submission, or a line that nothing did. */
    private static String resubmitted(Map<String, Object> data, Draft it, RequestMessages msg) {
        it.changesTitle = msg.resubmittedChangesTitle();
        it.changes = changes(data.get("changes"));
        if (it.changes.isEmpty()) {
            it.lines.add(msg.resubmittedNothingChanged());
        }
        return msg.eventResubmitted(trackLabel(data.get("track")));
    }

    /** A reply, linked to the request for changes or the Discuss it answers, if any. */
    private static String reply(Map<String, Object> data, Draft it, RequestMessages msg) {
        Object to = data.get("inReplyTo");
        if (to == null) {
            return msg.eventReplied();
        }
        boolean changes = "changes-requested".equals(data.get("answeredKind"));
        it.link = "#event-" + to;
        it.linkLabel = changes ? msg.replyLinkChanges() : msg.replyLinkDiscuss();
        return changes ? msg.eventAnsweredChanges() : msg.eventAnsweredDiscuss();
    }

    /** The item of an event, from what its kind put together. */
    private static TimelineItem item(EventView e, Draft it) {
        return new TimelineItem(
                e.id(),
                e.kind(),
                it.title,
                e.actor() == null
                        ? (e.kind() == EventKind.APPROVED ? "the IESG" : "the system")
                        : e.actor().name(),
                when(e.at()),
                e.at() == null ? null : e.at().toString(),
                e.from(),
                e.to(),
                it.comment,
                it.blocking,
                it.changesTitle,
                it.changes,
                List.copyOf(it.lines),
                it.link,
                it.linkLabel,
                mailsSent(e));
    }

    /** The mails an event caused, as a line each: their subject and how many were sent. */
    private static List<String> mailsSent(EventView e) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> bySubject = new java.util.LinkedHashMap<>();
        for (RequestMails.Sent m : e.mails() == null ? List.<RequestMails.Sent>of() : e.mails()) {
            bySubject.merge(m.subject(), 1, Integer::sum);
        }
        bySubject.forEach(
                (subject, n) ->
                        out.add(
                                "Mailed “"
                                        + subject
                                        + "” to "
                                        + n
                                        + (n == 1 ? " person" : " people")));
        return List.copyOf(out);
    }

    /** A ballot event's position, and the version of the request it was given on. */
    private static BallotPosition position(Map<String, Object> data, Draft it) {
        Object given = data.get("givenOn");
        if (given != null) {
            it.lines.add("Given on version " + given + " of the request.");
        }
        return BallotPosition.parseEntered(String.valueOf(data.get("position")))
                .orElse(BallotPosition.NO_RECORD);
    }

    /** A community call's dates, from its start event. */
    private static void callDates(EventView e, Map<String, Object> data, Draft it) {
        Object ends = data.get("callEndsAt");
        if (ends != null) {
            it.lines.add(
                    "Runs from "
                            + day(e.at())
                            + " until "
                            + day(Instant.parse(ends.toString()))
                            + " (RFC 6335 §8.4).");
        }
    }

    /** The registry change a completion made: a link, and its entries as a list. */
    private static void registryChange(Map<String, Object> data, Draft it) {
        Object change = data.get("registryChange");
        if (change != null) {
            it.link = "/changes/" + change;
            it.linkLabel = "Registry change #" + change;
        }
        if (data.get("entries") instanceof List<?> entries) {
            for (Object o : entries) {
                it.lines.add(String.valueOf(o));
            }
        }
        // The summary lists the same entries: show them once, as a list.
        it.comment = it.lines.isEmpty() ? it.comment : null;
    }

    /** A timeline item while it is put together. */
    private static final class Draft {
        String title;
        String comment;
        String changesTitle;
        List<Change> changes = List.of();
        final List<String> lines = new ArrayList<>();
        String link;
        String linkLabel;
        boolean blocking;

        Draft(String comment) {
            this.comment = comment;
        }
    }

    /** The changes of the latest resubmission, for reviewers: empty when there was none. */
    static List<Change> changesSinceLastSubmission(RequestView v) {
        for (int i = v.events().size() - 1; i >= 0; i--) {
            EventView e = v.events().get(i);
            if (e.kind() == EventKind.SUBMITTED) {
                return List.of();
            }
            if (e.kind() == EventKind.RESUBMITTED) {
                return changes(e.data() == null ? null : e.data().get("changes"));
            }
        }
        return List.of();
    }

    private static String trackLabel(Object slug) {
        return slug == null
                ? "review"
                : Track.parse(slug.toString()).map(Track::label).orElse(slug.toString());
    }

    private static List<Change> changes(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            return List.of();
        }
        List<Change> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String before = null;
            String after = null;
            if (e.getValue() instanceof List<?> pair && pair.size() == 2) {
                before = pair.get(0) == null ? null : pair.get(0).toString();
                after = pair.get(1) == null ? null : pair.get(1).toString();
            }
            out.add(new Change(label(String.valueOf(e.getKey())), before, after));
        }
        return List.copyOf(out);
    }
}
