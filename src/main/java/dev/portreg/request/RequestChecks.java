package dev.portreg.request;

import dev.portreg.registry.Ports;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.Transport;
import dev.portreg.request.Assessment.PreviewEntry;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of RFC 6335 §8 applied to one request against the registry as it is now: the same
 * checks run while drafting (as advice), on submission (as a gate) and again at decision time.
 * {@link NewAssignmentChecks} checks new names and ports, {@link ServiceChecks} the kinds that act
 * on a registered service; both write into one {@link CheckFindings}, from which this class chooses
 * the track.
 */
public final class RequestChecks {

    /** Another open request, for conflict warnings. */
    public record OpenRequest(
            long id, String serviceName, Ports ports, List<Transport> transports) {}

    /**
     * Who asks, for ownership of existing entries: an account is an entry's Assignee or Contact
     * when its verified address is that person's, or when an operator linked it to that person; and
     * only for that person's entries. Entries of the IESG or the IETF Chair belong to nobody by
     * address or link: IESG members ask for them, and the IESG ballots.
     *
     * @param verifiedEmail the requester's address if verified, else null
     * @param people registry person ids an operator linked the account to
     * @param iesgMember whether the requester holds the iesg role
     */
    public record Requester(String verifiedEmail, Set<String> people, boolean iesgMember) {
        public Requester {
            people = people == null ? Set.of() : Set.copyOf(people);
        }
    }

    /**
     * What a check needs to know besides the request.
     *
     * @param requestId the request being checked (excluded from competitors), or 0
     * @param requester who asks, for ownership of existing entries
     * @param operator true when the requester holds the iana role (revocations)
     */
    public record Context(
            RegistrySnapshot registry,
            long requestId,
            Requester requester,
            boolean operator,
            List<OpenRequest> openRequests,
            LocalDate today) {}

    private final CheckFindings f;
    private final RequestContent c;

    private RequestChecks(RequestContent content, Context ctx) {
        this.f = new CheckFindings(content, ctx);
        this.c = content;
    }

    public static Assessment assess(RequestContent content, Context ctx) {
        return new RequestChecks(content, ctx).run();
    }

    private Assessment run() {
        Ownership owner = new Ownership(f.reg, f.ctx.requester());
        var fresh = new NewAssignmentChecks(f, owner);
        var existing = new ServiceChecks(f, owner);
        switch (c.kind()) {
            case NEW_ASSIGNMENT -> fresh.newAssignment();
            case ADD_TRANSPORT -> existing.addTransport();
            case MODIFY -> existing.modify();
            case DE_ASSIGN -> existing.deAssign(false);
            case REVOKE -> existing.deAssign(true);
            case EARLY_ALLOCATION -> fresh.earlyAllocation();
            case EARLY_RENEWAL -> existing.earlyChange(true);
            case MAKE_PERMANENT -> existing.earlyChange(false);
        }
        if (f.iesgEntries) {
            f.tracks(
                    EnumSet.of(Track.IESG_APPROVAL),
                    "Entries of the IESG or the IETF Chair change only through the IESG: an IESG"
                            + " ballot (IESG Approval)");
        }
        Track track = chooseTrack();
        List<PreviewEntry> preview = RequestPreview.of(c, f.reg, f.ctx.requestId(), f.ctx.today());
        return new Assessment(
                track,
                List.copyOf(f.allowed),
                f.policy,
                List.copyOf(f.errors),
                List.copyOf(f.warnings),
                List.copyOf(preview),
                List.copyOf(f.suggestions),
                List.copyOf(f.competing));
    }

    /**
     * The track chosen, or the only one that applies, or the one a requester most likely means
     * (First Come First Served, then Expert Review); null with an error when none can be chosen.
     */
    private Track chooseTrack() {
        Set<Track> allowed = f.allowed;
        if (allowed.isEmpty()) {
            return null;
        }
        Track chosen = c.track();
        if (chosen != null) {
            if (!allowed.contains(chosen)) {
                f.error(
                        "track",
                        chosen.label()
                                + " does not apply here; use "
                                + String.join(" or ", allowed.stream().map(Track::label).toList()));
                return null;
            }
        } else if (allowed.size() == 1) {
            chosen = allowed.iterator().next();
        } else if (allowed.contains(Track.FCFS)) {
            chosen = Track.FCFS;
        } else if (allowed.contains(Track.EXPERT_REVIEW)) {
            chosen = Track.EXPERT_REVIEW;
        } else {
            f.error(
                    "track",
                    "choose " + String.join(" or ", allowed.stream().map(Track::label).toList()));
            return null;
        }
        if (chosen == Track.IETF_REVIEW) {
            f.require(
                    "ietfDocument",
                    c.ietfDocument(),
                    "IETF Review needs the IETF document (RFC or Internet-Draft) that asks for it");
        }
        return chosen;
    }
}
