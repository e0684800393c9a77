package dev.portreg.request;

import static dev.portreg.request.AssessmentPanel.*;
import static dev.portreg.request.RequestBallot.*;
import static dev.portreg.request.RequestFormPage.*;
import static dev.portreg.request.RequestTimeline.*;

import dev.portreg.common.FieldErrors;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.registry.PortRange;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.review.BallotPosition;
import dev.portreg.web.Flash;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The models of the request pages: everything a template shows, worked out here so that templates
 * only place it. Built from the same {@link RequestView} and {@link Assessment} the API answers
 * with.
 */
public final class RequestPageViews {

    private RequestPageViews() {}

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    // --- labels ----------------------------------------------------------------------------------

    /** What each field of a request is called on the pages, in form order. */
    static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        for (RequestField f : RequestField.values()) {
            LABELS.put(f.name, f.label);
        }
        LABELS.put("assignee.name", "Assignee name");
        LABELS.put("assignee.org", "Assignee organisation");
        LABELS.put("assignee.email", "Assignee email");
        LABELS.put("contact.name", "Contact name");
        LABELS.put("contact.org", "Contact organisation");
        LABELS.put("contact.email", "Contact email");
        LABELS.put("comment", "Comment");
        LABELS.put("position", "Position");
        LABELS.put("decision", "Decision");
        LABELS.put("version", "Version");
    }

    static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /**
     * The input a field error belongs beside: {@code assignee.email} is typed into {@code
     * assigneeEmail}, a range choice into the port choice.
     */
    static String input(String field) {
        return switch (field) {
            case "assignee", "assignee.name" -> "assigneeName";
            case "assignee.org" -> "assigneeOrg";
            case "assignee.email" -> "assigneeEmail";
            case "contact", "contact.name" -> "contactName";
            case "contact.org" -> "contactOrg";
            case "contact.email" -> "contactEmail";
            case "anyPortIn" -> "port";
            default -> field;
        };
    }

    /** The group of fields (one block of the form) a field error belongs to. */
    static String group(String field) {
        int dot = field.indexOf('.');
        String g = dot < 0 ? field : field.substring(0, dot);
        return g.equals("anyPortIn") ? "port" : g;
    }

    /**
     * A message as a sentence beside its field: "is required" becomes "Description is required"; a
     * message that says it all ("explain why ...") only gets its capital.
     */
    static String sentence(String field, String message) {
        if (message == null || message.isBlank()) {
            return label(field);
        }
        String m = message.strip();
        if (m.startsWith("is ")
                || m.startsWith("must ")
                || m.startsWith("has ")
                || m.startsWith("does ")) {
            return label(field) + " " + m;
        }
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    static String when(Instant i) {
        return i == null ? null : WHEN.format(i);
    }

    static String day(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** "under a day", "1 day", "12 days". */
    static String age(long days) {
        return days <= 0 ? "under a day" : days == 1 ? "1 day" : days + " days";
    }

    // --- errors --------------------------------------------------------------------------------

    /**
     * How the request pages word field errors ({@link FieldErrors}): beside the input it is typed
     * into, labelled as the form labels it, as a sentence.
     */
    static final FieldErrors.Wording WORDING =
            new FieldErrors.Wording() {
                @Override
                public String input(String field) {
                    return RequestPageViews.input(field);
                }

                @Override
                public String label(String field) {
                    return RequestPageViews.label(field);
                }

                @Override
                public String text(String field, String message) {
                    return sentence(field, message);
                }
            };

    /** The errors of a form of the request pages, worded for them. */
    static FieldErrors errors(List<FieldError> errors) {
        return FieldErrors.of(errors, WORDING);
    }

    /** One message of the assessment, worded as the form's errors are. */
    static FieldErrors.Item item(FieldError e) {
        return FieldErrors.Item.of(e, WORDING);
    }

    // --- the request page ------------------------------------------------------------------------

    /** One line of the request's content. */
    public record Fact(String label, String value, boolean longText) {}

    /** The content as a definition list, in form order, empty fields left out. */
    static List<Fact> facts(RequestInput input) {
        RequestContent c;
        try {
            c = RequestContent.parse(input);
        } catch (RuntimeException e) {
            return List.of();
        }
        List<Fact> out = new ArrayList<>();
        for (Map.Entry<String, String> e : c.fields().entrySet()) {
            String v = e.getValue();
            if (v == null || v.isBlank()) {
                continue;
            }
            String key = e.getKey();
            String value =
                    switch (key) {
                        case "kind" -> c.kind().label;
                        case "anyPortIn" ->
                                "any free "
                                        + PortRange.parse(v).map(r -> r.label).orElse(v)
                                        + " port (IANA picks it)";
                        case "track" -> Track.parse(v).map(Track::label).orElse(v);
                        case "transports" -> v.toUpperCase(Locale.ROOT);
                        default -> v;
                    };
            out.add(new Fact(label(key), value, value.length() > 80 || value.contains("\n")));
        }
        return List.copyOf(out);
    }

    /** What the viewer may do, one flag per form the page shows. */
    public record Actions(
            long id,
            int version,
            boolean edit,
            boolean submit,
            boolean withdraw,
            boolean approve,
            boolean requestChanges,
            boolean reject,
            boolean ballot,
            boolean endCall,
            boolean complete,
            boolean reply,
            boolean take) {

        static Actions of(RequestView v) {
            List<Action> a = v.allowedActions();
            return new Actions(
                    v.id(),
                    v.version(),
                    a.contains(Action.EDIT),
                    a.contains(Action.SUBMIT),
                    a.contains(Action.WITHDRAW),
                    a.contains(Action.APPROVE),
                    a.contains(Action.REQUEST_CHANGES),
                    a.contains(Action.REJECT),
                    a.contains(Action.BALLOT),
                    a.contains(Action.END_CALL),
                    a.contains(Action.COMPLETE),
                    a.contains(Action.REPLY),
                    a.contains(Action.TAKE));
        }

        public boolean review() {
            return approve || requestChanges || reject;
        }

        public boolean any() {
            return edit || submit || withdraw || review() || ballot || endCall || complete || reply
                    || take;
        }

        public String url(String action) {
            return "/requests/" + id + "/" + action;
        }
    }

    /** The positions a member can enter, in Datatracker's order. */
    public static List<BallotPosition> enterable() {
        return List.of(
                BallotPosition.YES,
                BallotPosition.NO_OBJECTION,
                BallotPosition.DISCUSS,
                BallotPosition.ABSTAIN,
                BallotPosition.RECUSE);
    }

    /**
     * What an action form showed when it was refused, so it is shown again with the message.
     *
     * @param form which form: "review", "ballot" or "withdraw"
     */
    public record Typed(String form, String comment, String position, FieldErrors errors) {
        static final Typed NONE = new Typed(null, null, null, FieldErrors.NONE);

        /** The form {@code form} as sent, without errors yet. */
        static Typed of(String form, String comment, String position) {
            return new Typed(form, comment, position, FieldErrors.NONE);
        }

        /** The same form with the errors of its refusal. */
        Typed refused(FieldErrors shown) {
            return new Typed(form, comment, position, shown);
        }

        public boolean is(String name) {
            return name.equals(form);
        }

        public String commentFor(String name) {
            return is(name) && comment != null ? comment : "";
        }

        public String errorFor(String name, String input) {
            return is(name) ? errors.get(input) : null;
        }
    }

    /**
     * The request page.
     *
     * @param subject "my-svc on port 938" or what the request is about
     * @param viewer the username of who is looking
     */
    public record RequestPage(
            RequestView view,
            String subject,
            String requester,
            String created,
            String updated,
            String submitted,
            String callEnds,
            String age,
            List<Fact> facts,
            Panel panel,
            BallotBox ballot,
            List<TimelineItem> timeline,
            List<Change> sinceLastSubmission,
            Actions actions,
            Typed typed,
            Flash flash,
            boolean owner,
            String viewer) {

        public List<BallotPosition> positions() {
            return enterable();
        }

        /** The nav item: the requester's own list, or the queues a reviewer came from. */
        public String nav() {
            return owner ? "requests" : "queues";
        }

        /**
         * Whether the ballot form ticks {@code slug}: as sent when refused, else the member's own.
         */
        public boolean positionChecked(String slug) {
            if (typed.is("ballot")) {
                return slug.equals(typed.position());
            }
            BallotRow mine = myBallot();
            return mine != null && slug.equals(mine.position());
        }

        /** The ballot form's text: as sent when refused, else the member's current text. */
        public String ballotComment() {
            if (typed.is("ballot")) {
                return typed.comment() == null ? "" : typed.comment();
            }
            BallotRow mine = myBallot();
            return mine == null || mine.comment() == null ? "" : mine.comment();
        }

        private BallotRow myBallot() {
            if (ballot == null || viewer == null) {
                return null;
            }
            return ballot.rows().stream()
                    .filter(r -> r.username().equals(viewer) && r.at() != null)
                    .findFirst()
                    .orElse(null);
        }

        /** The latest request for changes, shown to the requester while it is theirs to act. */
        public TimelineItem askedForChanges() {
            if (!owner || view.status() != RequestState.CHANGES_REQUESTED) {
                return null;
            }
            for (int i = timeline.size() - 1; i >= 0; i--) {
                if (timeline.get(i).kind() == EventKind.CHANGES_REQUESTED) {
                    return timeline.get(i);
                }
            }
            return null;
        }

        /** What a reply can answer: each Discuss and each request for changes, newest first. */
        public List<TimelineItem> answerable() {
            List<TimelineItem> out = new java.util.ArrayList<>();
            for (TimelineItem t : timeline) {
                if (t.kind() == EventKind.CHANGES_REQUESTED
                        || (t.kind() == EventKind.BALLOT && t.blocking())) {
                    out.add(0, t);
                }
            }
            return out;
        }

        /** The registry change a completed request made, for the side panel; null before. */
        public TimelineItem completion() {
            for (TimelineItem t : timeline) {
                if (t.kind() == EventKind.COMPLETED && t.link() != null) {
                    return t;
                }
            }
            return null;
        }
    }

    /** What a request is about, in a few words: "my-svc, port 938 (TCP, UDP)". */
    static String subject(RequestInput c) {
        StringBuilder b = new StringBuilder();
        String name = c.serviceName() != null ? c.serviceName() : c.targetService();
        b.append(name == null ? "(no name yet)" : name);
        if (c.port() != null) {
            b.append(", port ").append(c.port());
        } else if (c.anyPortIn() != null) {
            b.append(", any ")
                    .append(PortRange.parse(c.anyPortIn()).map(r -> r.label).orElse(c.anyPortIn()))
                    .append(" port");
        }
        if (c.transports() != null && !c.transports().isEmpty()) {
            b.append(" (")
                    .append(String.join(", ", c.transports()).toUpperCase(Locale.ROOT))
                    .append(")");
        }
        return b.toString();
    }
}
