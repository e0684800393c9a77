package dev.portreg.request;

import dev.portreg.review.BallotRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the request API answers with, and what the request pages show. */
public final class RequestViews {

    private RequestViews() {}

    public record AccountRef(String username, String name) {}

    public record EventView(
            long id,
            Instant at,
            AccountRef actor,
            EventKind kind,
            RequestState from,
            RequestState to,
            String comment,
            Map<String, Object> data,
            List<RequestMails.Sent> mails) {}

    /**
     * @param note why the position does not count, or null when it does: given on an older version
     *     of the request (its port or transports changed since), or by an account that no longer
     *     holds the iesg role
     */
    /**
     * A member's current position, the request version it was given on and their earlier ones.
     *
     * @param givenOn the request's submission number when the position was given (1 = first)
     */
    public record PositionView(
            AccountRef member,
            String position,
            String label,
            String comment,
            Instant at,
            String note,
            Integer givenOn,
            List<EarlierPosition> earlier) {}

    /** A position a member held before their current one. */
    public record EarlierPosition(String position, String label, String comment, Instant at) {}

    public record BallotView(BallotRule.Tally tally, List<PositionView> positions) {}

    /**
     * @param status the request's state
     * @param ageDays days since submission (or creation, for drafts)
     * @param overdue why the request is late against the RFC timeframes, or null
     * @param entries the registry entries the request wrote, once completed (else empty)
     */
    public record RequestView(
            long id,
            int version,
            RequestKind kind,
            RequestState status,
            String statusLabel,
            Track track,
            String trackLabel,
            AccountRef requester,
            RequestInput content,
            Instant createdAt,
            Instant updatedAt,
            Instant submittedAt,
            Instant callEndsAt,
            long ageDays,
            String overdue,
            Assessment assessment,
            BallotView ballot,
            List<Action> allowedActions,
            List<EventView> events,
            List<RequestClock.Hold> clocks,
            AccountRef heldBy,
            List<EntryLink> entries) {}

    /**
     * An entry a completed request wrote, and the page it is on.
     *
     * @param entry as "938/tcp frob (assigned)"
     * @param href the port's page, or the service's when the entry has no port
     */
    public record EntryLink(String entry, String href) {}

    /** A line of a list or queue. */
    public record RequestSummary(
            long id,
            RequestKind kind,
            RequestState status,
            String statusLabel,
            Track track,
            String serviceName,
            String port,
            List<String> transports,
            AccountRef requester,
            Instant submittedAt,
            Instant updatedAt,
            long ageDays,
            String overdue,
            String holder,
            String yourPosition) {}

    /** Body of POST /requests/{id}/review. */
    public record ReviewInput(
            @Schema(maxLength = RequestInput.SHORT) String decision,
            @Schema(maxLength = RequestInput.LONG) String comment) {}

    /** Body of POST /requests/{id}/ballot. */
    public record BallotInput(
            @Schema(maxLength = RequestInput.SHORT) String position,
            @Schema(maxLength = RequestInput.LONG) String comment) {}

    /** Body of POST /requests/{id}/replies. */
    public record ReplyInput(
            Long inReplyTo, @Schema(maxLength = RequestInput.LONG) String comment) {}

    /**
     * Optional body of POST /requests/{id}/complete: the entry's assignment notes as the operator
     * words them for the registry (the requester's notes to reviewers never go there).
     */
    public record CompleteInput(@Schema(maxLength = RequestInput.MEDIUM) String notes) {}

    /** Body of POST /requests/{id}/withdraw. */
    public record CommentInput(@Schema(maxLength = RequestInput.LONG) String comment) {}
}
