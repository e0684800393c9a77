package dev.portreg.request;

import dev.portreg.common.Problem.FieldError;
import java.util.List;

/**
 * What the rules say about a request, shown while it is drafted and enforced on submission.
 *
 * @param track the track it would follow: chosen, or derived where only one applies; null when the
 *     requester still has to choose
 * @param allowedTracks the tracks the range and kind allow
 * @param policy one sentence: "System port: IETF Review or IESG Approval"
 * @param errors what blocks submission, by field
 * @param warnings advice that does not block (redundant words, competing requests, ...)
 * @param preview the registry entries the request would create or change
 * @param suggestions free ports near a requested port that is taken
 * @param competing ids of other open requests for the same name or port and transport
 */
public record Assessment(
        Track track,
        List<Track> allowedTracks,
        String policy,
        List<FieldError> errors,
        List<FieldError> warnings,
        List<PreviewEntry> preview,
        List<Integer> suggestions,
        List<Long> competing) {

    public boolean submittable() {
        return errors.isEmpty();
    }

    /** One registry entry the request would write. */
    public record PreviewEntry(
            String action,
            String serviceName,
            String port,
            String transport,
            String status,
            String description,
            String assignee,
            String contact,
            String registered,
            String reference,
            String notes) {}
}
