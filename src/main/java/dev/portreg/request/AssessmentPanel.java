package dev.portreg.request;

import static dev.portreg.request.RequestBallot.*;
import static dev.portreg.request.RequestFormPage.*;
import static dev.portreg.request.RequestPageViews.*;
import static dev.portreg.request.RequestTimeline.*;

import dev.portreg.common.FieldErrors;
import dev.portreg.registry.PortStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The assessment panel of the draft form and the request page: the entries the registry would get,
 * the policy, what blocks submission and what is only advice.
 */
public final class AssessmentPanel {

    private AssessmentPanel() {}

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
            List<FieldErrors.Item> errors,
            List<FieldErrors.Item> warnings,
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
                    a.errors().stream().map(RequestPageViews::item).toList(),
                    a.warnings().stream().map(RequestPageViews::item).toList(),
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
}
