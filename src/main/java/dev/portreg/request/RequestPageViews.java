package dev.portreg.request;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.registry.PortRange;
import dev.portreg.registry.PortStatus;
import dev.portreg.request.RequestViews.EventView;
import dev.portreg.request.RequestViews.PositionView;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.BallotRule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    // --- flash and errors ------------------------------------------------------------------------

    /** A one-line message at the top of a page: success after a redirect, or what went wrong. */
    public record Flash(String kind, String message) {
        static Flash success(String message) {
            return new Flash("success", message);
        }

        static Flash error(String message) {
            return new Flash("error", message);
        }

        public boolean isError() {
            return "error".equals(kind);
        }
    }

    /** One message about a field, with where it is shown. */
    public record Item(String field, String label, String text, String anchor) {
        static Item of(FieldError e) {
            return new Item(
                    e.field(),
                    RequestPageViews.label(e.field()),
                    sentence(e.field(), e.message()),
                    "#f-" + input(e.field()));
        }
    }

    /** Field errors by the input they belong beside; the first message per input wins. */
    public record FieldErrors(Map<String, String> byInput, List<Item> items) {

        static final FieldErrors NONE = new FieldErrors(Map.of(), List.of());

        static FieldErrors of(List<FieldError> errors) {
            Map<String, String> map = new LinkedHashMap<>();
            List<Item> items = new ArrayList<>();
            for (FieldError e : errors) {
                Item item = Item.of(e);
                items.add(item);
                map.merge(input(e.field()), item.text(), (a, b) -> a + " " + b);
            }
            return new FieldErrors(map, List.copyOf(items));
        }

        /** The message beside input {@code name}, or null. */
        public String get(String name) {
            return byInput.get(name);
        }

        public boolean any() {
            return !items.isEmpty();
        }

        /** True when an error belongs to a field of {@code group}. */
        boolean touches(String group) {
            return items.stream().anyMatch(i -> group(i.field()).equals(group));
        }
    }

    // --- the assessment panel --------------------------------------------------------------------

    /** One registry entry the request would write, with its status as a badge. */
    public record PreviewRow(
            String action,
            String serviceName,
            String port,
            String transport,
            PortStatus status,
            String description,
            String assignee,
            String contact,
            String registered,
            String notes) {

        static PreviewRow of(Assessment.PreviewEntry e) {
            return new PreviewRow(
                    e.action(),
                    e.serviceName(),
                    e.port(),
                    e.transport(),
                    PortStatus.parse(e.status()).orElse(PortStatus.UNLISTED),
                    e.description(),
                    e.assignee(),
                    e.contact(),
                    e.registered(),
                    e.notes());
        }

        PreviewRow withoutNotes() {
            return new PreviewRow(
                    action,
                    serviceName,
                    port,
                    transport,
                    status,
                    description,
                    assignee,
                    contact,
                    registered,
                    null);
        }

        /** What happens to the entry, in words. */
        public String actionLabel() {
            return switch (action) {
                case "add" -> "Add";
                case "change" -> "Change";
                case "keep" -> "Keep";
                default -> action;
            };
        }

        /** The port page to link to, or null for a name without a port. */
        public String portUrl() {
            if (port == null) {
                return null;
            }
            int dash = port.indexOf('-');
            return "/ports/" + (dash < 0 ? port : port.substring(0, dash));
        }
    }

    /**
     * What the rules say about a request, as the panel beside the form and on the request page
     * shows it.
     *
     * @param formId the form a suggested port refills (null on the request page: links instead)
     * @param submitted true once the request is submitted: what blocks it now blocks a decision
     */
    public record Panel(
            String policy,
            String trackLabel,
            List<String> allowedLabels,
            List<Item> errors,
            List<Item> warnings,
            List<Long> competing,
            List<Integer> suggestions,
            List<PreviewRow> preview,
            List<String> footnotes,
            String formId,
            boolean submitted) {

        static Panel of(Assessment a, String formId) {
            return of(a, formId, false);
        }

        static Panel of(Assessment a, String formId, boolean submitted) {
            if (a == null) {
                return null;
            }
            // The note on every Reserved counterpart is the same sentence: say it once, below.
            Set<String> footnotes = new LinkedHashSet<>();
            List<PreviewRow> rows = new ArrayList<>();
            for (Assessment.PreviewEntry e : a.preview()) {
                PreviewRow row = PreviewRow.of(e);
                if (row.serviceName() == null
                        && row.status() == PortStatus.RESERVED
                        && row.notes() != null) {
                    footnotes.add(row.notes());
                    row = row.withoutNotes();
                }
                rows.add(row);
            }
            return new Panel(
                    a.policy(),
                    a.track() == null ? null : a.track().label(),
                    a.allowedTracks().stream().map(Track::label).toList(),
                    a.errors().stream().map(Item::of).toList(),
                    a.warnings().stream().map(Item::of).toList(),
                    a.competing(),
                    a.suggestions(),
                    rows,
                    List.copyOf(footnotes),
                    formId,
                    submitted);
        }

        public boolean submittable() {
            return errors.isEmpty();
        }

        /** "IETF Review or IESG Approval". */
        public String allowedText() {
            return String.join(" or ", allowedLabels);
        }

        public boolean interactive() {
            return formId != null;
        }
    }

    // --- the form --------------------------------------------------------------------------------

    /** A radio button: value, label, a hint, whether it is chosen. */
    public record Option(String value, String label, String hint, boolean checked) {}

    /**
     * The track choice: radios when more than one track applies, else the one that does.
     *
     * @param fixed the only track that applies, or null
     */
    public record TrackChoice(List<Option> options, String fixed, String policy, String derived) {

        static TrackChoice of(Assessment a, RequestForm form) {
            if (a == null || a.allowedTracks().isEmpty()) {
                return new TrackChoice(List.of(), null, a == null ? null : a.policy(), null);
            }
            if (a.allowedTracks().size() == 1) {
                return new TrackChoice(
                        List.of(), a.allowedTracks().get(0).label(), a.policy(), null);
            }
            String chosen = form.chosenTrack();
            String derived = chosen == null && a.track() != null ? a.track().slug() : null;
            String preselected = chosen != null ? chosen : derived;
            List<Option> options = new ArrayList<>();
            for (Track t : a.allowedTracks()) {
                options.add(
                        new Option(
                                t.slug(),
                                t.label(),
                                hint(t),
                                t.slug().equalsIgnoreCase(preselected == null ? "" : preselected)));
            }
            return new TrackChoice(List.copyOf(options), null, a.policy(), derived);
        }

        private static String hint(Track t) {
            return switch (t) {
                case FCFS -> "IANA checks and registers the name (RFC 8126 §4.4).";
                case EXPERT_REVIEW -> "A designated expert reviews it (RFC 8126 §4.5).";
                case IETF_REVIEW ->
                        "An IETF-stream RFC asks for it; name the document below (RFC 8126 §4.8).";
                case STANDARDS_ACTION ->
                        "A Standards Track or BCP RFC asks for it (RFC 8126 §4.9).";
                case IESG_APPROVAL -> "The IESG approves it by ballot (RFC 8126 §4.10).";
            };
        }

        public boolean choice() {
            return !options.isEmpty();
        }
    }

    /**
     * The draft form: new, edit, or shown again after Check or a refusal.
     *
     * @param action where "Save draft" posts
     * @param visible the groups of fields shown now; the others are rendered hidden
     * @param pending why there is no assessment yet (no port typed), or null
     */
    public record FormPage(
            String heading,
            Long id,
            String version,
            String action,
            RequestForm form,
            FieldErrors errors,
            Panel panel,
            TrackChoice track,
            List<Option> kinds,
            String kindLabel,
            Set<String> visible,
            String pending,
            Flash flash,
            boolean checked) {

        public boolean editing() {
            return id != null;
        }

        /**
         * The list of what to correct above the form: after a refusal. After Check the assessment
         * panel lists the same points beside the form, so once is enough.
         */
        public boolean summary() {
            return errors.any() && (!checked || panel == null);
        }

        public boolean shows(String group) {
            return visible.contains(group);
        }

        /** True when one of the space-separated groups is shown: a fieldset is shown then. */
        public boolean showsAny(String groups) {
            for (String g : groups.split(" ")) {
                if (visible.contains(g)) {
                    return true;
                }
            }
            return false;
        }

        /** The visible groups for the script that re-checks as the visitor types. */
        public String visibleList() {
            return String.join(" ", visible);
        }
    }

    /** The groups of the form shown for this kind, range, transports and assessment. */
    static Set<String> visible(RequestForm form, Assessment a, FieldErrors errors) {
        Set<String> uses = form.fieldsOfKind();
        Set<String> out = new LinkedHashSet<>();
        out.add("kind");
        out.add("notes");
        boolean newAssignment =
                form.parsedKind()
                        .orElse(RequestKind.NEW_ASSIGNMENT)
                        .equals(RequestKind.NEW_ASSIGNMENT);
        PortRange range = form.range();
        boolean rangeUnknown = newAssignment && form.asksForPort() && range == null;
        for (String g : uses) {
            boolean show =
                    switch (g) {
                        case "justification" ->
                                rangeUnknown
                                        || range == PortRange.USER
                                        || range == PortRange.SYSTEM;
                        case "systemJustification", "stableSpecification" ->
                                rangeUnknown || range == PortRange.SYSTEM;
                        case "reservedReason" ->
                                a != null && a.allowedTracks().contains(Track.STANDARDS_ACTION);
                        case "ietfDocument" ->
                                a != null && a.allowedTracks().contains(Track.IETF_REVIEW);
                        case "serviceCode" -> form.hasTransport("dccp");
                        default -> true;
                    };
            if (show || filled(form, g) || errors.touches(g)) {
                out.add(g);
            }
        }
        if (errors.touches("kind")) {
            out.add("kind");
        }
        return out;
    }

    private static boolean filled(RequestForm f, String group) {
        String v =
                switch (group) {
                    case "justification" -> f.justification;
                    case "systemJustification" -> f.systemJustification;
                    case "stableSpecification" -> f.stableSpecification;
                    case "reservedReason" -> f.reservedReason;
                    case "ietfDocument" -> f.ietfDocument;
                    case "serviceCode" -> f.serviceCode;
                    default -> null;
                };
        return RequestForm.trim(v) != null;
    }

    /** The kinds offered on a new form, with what each means. */
    static List<Option> kinds(RequestForm form, boolean operator) {
        List<Option> out = new ArrayList<>();
        for (RequestKind k : RequestForm.offered(operator)) {
            out.add(new Option(k.slug, k.label, kindHint(k), form.isKind(k.slug)));
        }
        out.add(
                new Option(
                        RequestForm.TRANSFER,
                        "Transfer to another party",
                        "Not possible (RFC 6335 §8.5): the assignee de-assigns, and the new party"
                                + " files a new assignment request.",
                        form.isKind(RequestForm.TRANSFER)));
        return List.copyOf(out);
    }

    static String kindHint(RequestKind k) {
        return switch (k) {
            case NEW_ASSIGNMENT ->
                    "A service name, with a port, any free port of a range, or none.";
            case ADD_TRANSPORT ->
                    "Another transport for a service you hold (RFC 6335 §7.2, Expert Review).";
            case MODIFY ->
                    "A new description or contact for a service you hold (§8.6); the assignee stays.";
            case DE_ASSIGN ->
                    "Give a port back: it becomes Reserved, the name stays registered (§8.2).";
            case REVOKE -> "IANA only: a four-week community call, then the IESG decides (§8.4).";
        };
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

    /** A ballot row: a member's position, or No Record for a member who has not voted. */
    public record BallotRow(
            String member,
            String username,
            String position,
            String label,
            String comment,
            String at,
            boolean blocking,
            String note) {}

    public record BallotBox(BallotRule.Tally tally, List<BallotRow> rows) {}

    static BallotBox ballot(RequestViews.BallotView b, List<RequestViews.AccountRef> members) {
        if (b == null) {
            return null;
        }
        List<BallotRow> rows = new ArrayList<>();
        Set<String> voted = new LinkedHashSet<>();
        for (PositionView p : b.positions()) {
            voted.add(p.member().username());
            BallotPosition bp = BallotPosition.parseEntered(p.position()).orElse(null);
            rows.add(
                    new BallotRow(
                            p.member().name(),
                            p.member().username(),
                            p.position(),
                            p.label(),
                            p.comment(),
                            when(p.at()),
                            bp != null && bp.blocking && p.note() == null,
                            p.note()));
        }
        for (RequestViews.AccountRef m : members) {
            if (!voted.contains(m.username())) {
                rows.add(
                        new BallotRow(
                                m.name(),
                                m.username(),
                                BallotPosition.NO_RECORD.slug,
                                BallotPosition.NO_RECORD.label,
                                null,
                                null,
                                false,
                                null));
            }
        }
        return new BallotBox(b.tally(), List.copyOf(rows));
    }

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
            String linkLabel) {}

    static List<TimelineItem> timeline(RequestView v) {
        List<TimelineItem> out = new ArrayList<>();
        for (EventView e : v.events()) {
            out.add(timelineItem(e));
        }
        return List.copyOf(out);
    }

    /** What the timeline shows of one event: a switch without default, so no kind is forgotten. */
    static TimelineItem timelineItem(EventView e) {
        Map<String, Object> data = e.data() == null ? Map.of() : e.data();
        Draft it = new Draft(e.comment());
        it.title =
                switch (e.kind()) {
                    case CREATED -> "Created the draft";
                    case EDITED -> {
                        it.changes = changes(data.get("changes"));
                        yield "Edited the request";
                    }
                    case SUBMITTED -> "Submitted for " + trackLabel(data.get("track"));
                    case RESUBMITTED -> {
                        it.changesTitle = "What changed since the last submission";
                        it.changes = changes(data.get("changes"));
                        if (it.changes.isEmpty()) {
                            it.lines.add("Nothing changed since the last submission.");
                        }
                        yield "Resubmitted for " + trackLabel(data.get("track"));
                    }
                    case WITHDRAWN -> "Withdrew the request";
                    case APPROVED -> "Approved";
                    case CHANGES_REQUESTED -> "Asked for changes";
                    case REJECTED -> "Rejected the request";
                    case BALLOT -> {
                        BallotPosition p =
                                BallotPosition.parseEntered(String.valueOf(data.get("position")))
                                        .orElse(BallotPosition.NO_RECORD);
                        it.blocking = p.blocking;
                        yield "Ballot position: " + p.label;
                    }
                    case CALL_STARTED -> {
                        Object ends = data.get("callEndsAt");
                        if (ends != null) {
                            it.lines.add(
                                    "Runs from "
                                            + day(e.at())
                                            + " until "
                                            + day(Instant.parse(ends.toString()))
                                            + " (RFC 6335 §8.4).");
                        }
                        yield "Started the four-week community call";
                    }
                    case CALL_ENDED -> "Ended the community call: the IESG decides";
                    case COMPLETED -> {
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
                        yield "Performed the registry action";
                    }
                };
        return new TimelineItem(
                e.id(),
                e.kind(),
                it.title,
                e.actor() == null ? "the system" : e.actor().name(),
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
                it.linkLabel);
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
            boolean complete) {

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
                    a.contains(Action.COMPLETE));
        }

        public boolean review() {
            return approve || requestChanges || reject;
        }

        public boolean any() {
            return edit || submit || withdraw || review() || ballot || endCall || complete;
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
