package dev.portreg.request;

import static dev.portreg.request.AssessmentPanel.*;
import static dev.portreg.request.RequestBallot.*;
import static dev.portreg.request.RequestPageViews.*;
import static dev.portreg.request.RequestTimeline.*;

import dev.portreg.common.FieldErrors;
import dev.portreg.registry.PortRange;
import dev.portreg.web.Flash;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The draft form's model: the kinds offered, the track choice, which groups of fields show. */
public final class RequestFormPage {

    private RequestFormPage() {}

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
                                RequestFormPage.trackHint(
                                        MessageBundles.get(RequestMessages.class), t),
                                t.slug().equalsIgnoreCase(preselected == null ? "" : preselected)));
            }
            return new TrackChoice(List.copyOf(options), null, a.policy(), derived);
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
            if (show || filled(form, g) || touches(errors, g)) {
                out.add(g);
            }
        }
        if (touches(errors, "kind")) {
            out.add("kind");
        }
        return out;
    }

    /** True when an error belongs to a field of {@code group}. */
    private static boolean touches(FieldErrors errors, String group) {
        return errors.touches(field -> RequestPageViews.group(field).equals(group));
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
        RequestMessages msg = MessageBundles.get(RequestMessages.class);
        List<Option> out = new ArrayList<>();
        for (RequestKind k : RequestForm.offered(operator)) {
            out.add(new Option(k.slug, k.label, kindHint(k), form.isKind(k.slug)));
        }
        out.add(
                new Option(
                        RequestForm.TRANSFER,
                        msg.transferLabel(),
                        msg.transferHint(),
                        form.isKind(RequestForm.TRANSFER)));
        return List.copyOf(out);
    }

    static String kindHint(RequestKind k) {
        return kindHint(MessageBundles.get(RequestMessages.class), k);
    }

    /** What a track means, beside its radio (messages/msg.properties, trackHint*). */
    static String trackHint(RequestMessages msg, Track track) {
        return switch (track) {
            case FCFS -> msg.trackHintFcfs();
            case EXPERT_REVIEW -> msg.trackHintExpertReview();
            case IETF_REVIEW -> msg.trackHintIetfReview();
            case STANDARDS_ACTION -> msg.trackHintStandardsAction();
            case IESG_APPROVAL -> msg.trackHintIesgApproval();
        };
    }

    /** What a kind means, beside its radio (messages/msg.properties, kindHint*). */
    static String kindHint(RequestMessages msg, RequestKind kind) {
        return switch (kind) {
            case NEW_ASSIGNMENT -> msg.kindHintNewAssignment();
            case ADD_TRANSPORT -> msg.kindHintAddTransport();
            case MODIFY -> msg.kindHintModify();
            case DE_ASSIGN -> msg.kindHintDeAssign();
            case REVOKE -> msg.kindHintRevoke();
            case EARLY_ALLOCATION -> msg.kindHintEarlyAllocation();
            case EARLY_RENEWAL -> msg.kindHintEarlyRenewal();
            case MAKE_PERMANENT -> msg.kindHintMakePermanent();
        };
    }
}
