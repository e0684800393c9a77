package dev.portreg.registry;

import static dev.portreg.registry.RegistrationPolicy.EXPERT_REVIEW;
import static dev.portreg.registry.RegistrationPolicy.IESG_APPROVAL;
import static dev.portreg.registry.RegistrationPolicy.IETF_REVIEW;
import static dev.portreg.registry.RegistrationPolicy.STANDARDS_ACTION;

import java.util.Collection;
import java.util.List;

/**
 * What a request for a port would need (RFC 6335 §8.1, §8.1.2): the policies that can decide it and
 * one sentence saying so.
 *
 * @param policies the registration policies that can decide such a request; empty when none can
 * @param summary e.g. "System port: IETF Review or IESG Approval"
 * @param reference where the rule is written
 */
public record RequestPolicy(List<RegistrationPolicy> policies, String summary, String reference) {

    /**
     * The policy for a request for {@code port}, given its statuses on the transports asked for.
     */
    public static RequestPolicy forPort(int port, Collection<PortStatus> statuses) {
        PortRange range = PortRange.of(port);
        if (range == PortRange.DYNAMIC) {
            return new RequestPolicy(
                    List.of(),
                    "Dynamic port: never assigned. Software may use it without registration,"
                            + " but not as a service identifier",
                    "RFC 6335 §8.1.2");
        }
        if (statuses.contains(PortStatus.ASSIGNED) || statuses.contains(PortStatus.OTHER)) {
            return new RequestPolicy(
                    List.of(),
                    "Assigned: not available. Another name on it needs the agreement of its"
                            + " assignee and the experts",
                    "RFC 6335 §5, §8.1.1");
        }
        if (statuses.contains(PortStatus.RESERVED) || statuses.contains(PortStatus.UNLISTED)) {
            return new RequestPolicy(
                    List.of(EXPERT_REVIEW, STANDARDS_ACTION, IESG_APPROVAL),
                    "Reserved: only its assignee may claim it for another transport (Expert"
                            + " Review); otherwise Standards Action or IESG Approval, with a reason",
                    "RFC 6335 §8.1");
        }
        return forRange(range);
    }

    /** The policy for a free port in {@code range}. */
    public static RequestPolicy forRange(PortRange range) {
        return switch (range) {
            case SYSTEM ->
                    new RequestPolicy(
                            List.of(IETF_REVIEW, IESG_APPROVAL),
                            "System port: IETF Review or IESG Approval",
                            "RFC 6335 §8.1.2");
            case USER ->
                    new RequestPolicy(
                            List.of(EXPERT_REVIEW, IETF_REVIEW, IESG_APPROVAL),
                            "User port: Expert Review, or IETF Review or IESG Approval for IETF protocols",
                            "RFC 6335 §8.1.2");
            case DYNAMIC -> forPort(range.from, List.of());
        };
    }
}
