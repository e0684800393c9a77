package dev.portreg.registry;

import static dev.portreg.registry.RegistrationPolicy.EXPERT_REVIEW;
import static dev.portreg.registry.RegistrationPolicy.FIRST_COME_FIRST_SERVED;
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
     * What a request for a (port, transport) that the registry does not list would need. IANA's
     * files list every port they consider free (the Unassigned rows), so a pair with no row is not
     * free; it is not Reserved either. A request for it is decided as one for a Reserved port would
     * be: the holder of the same number on another transport asks through Expert Review (RFC 6335
     * §7.2: before 2011 IANA assigned TCP and UDP only, and a holder must ask before using another
     * transport), anyone else through Standards Action or IESG Approval, saying why that port (RFC
     * 6335 §8.1). This is our reading (domain.md §8.1: "treat these as not free").
     */
    static final String NOT_LISTED =
            "Not listed: the registry has no entry for it, so it is not free, though not"
                    + " Reserved either. A request goes as for a Reserved port: the holder of the"
                    + " same number on another transport asks through Expert Review; anyone else"
                    + " needs Standards Action or IESG Approval, with a reason";

    /**
     * The table: every situation a port (or a request for one) can be in, with the policies that
     * can decide a request and the sentence saying so. The port page and the request checks read
     * the same rows, so they cannot word a rule differently.
     */
    public enum Case {
        DYNAMIC(
                List.of(),
                "Dynamic port: never assigned. Software may use it without registration, but not"
                        + " as a service identifier",
                "RFC 6335 §8.1.2"),
        ASSIGNED(
                List.of(),
                "Assigned: not available. Another name on it needs the agreement of its assignee"
                        + " and the experts",
                "RFC 6335 §5, §8.1.1"),
        /** Reserved, as anyone sees it: who asks decides which of the next two rows applies. */
        RESERVED(
                List.of(EXPERT_REVIEW, STANDARDS_ACTION, IESG_APPROVAL),
                "Reserved: only its assignee may claim it for another transport (Expert Review);"
                        + " otherwise Standards Action or IESG Approval, with a reason",
                "RFC 6335 §8.1"),
        RESERVED_FOR_OTHERS(
                List.of(STANDARDS_ACTION, IESG_APPROVAL),
                "Reserved port: Standards Action or IESG Approval, with a reason",
                "RFC 6335 §8.1"),
        OWN_RESERVATION(
                List.of(EXPERT_REVIEW), "Your own reserved port: Expert Review", "RFC 6335 §8.1"),
        NOT_LISTED_CASE(
                List.of(EXPERT_REVIEW, STANDARDS_ACTION, IESG_APPROVAL),
                NOT_LISTED,
                "RFC 6335 §6, §7.2, §8.1"),
        SYSTEM(
                List.of(IETF_REVIEW, IESG_APPROVAL),
                "System port: IETF Review or IESG Approval",
                "RFC 6335 §8.1.2"),
        /** DCCP System ports need IETF Review; IESG Approval is not among them. */
        SYSTEM_DCCP(List.of(IETF_REVIEW), "DCCP System port: IETF Review", "RFC 6335 §10.3.2"),
        USER(
                List.of(EXPERT_REVIEW, IETF_REVIEW, IESG_APPROVAL),
                "User port: Expert Review, or IETF Review or IESG Approval for IETF protocols",
                "RFC 6335 §8.1.2"),
        NAME_ONLY(
                List.of(FIRST_COME_FIRST_SERVED, EXPERT_REVIEW),
                "Service name only: First Come First Served",
                "RFC 6335 §8.1.1");

        public final RequestPolicy policy;

        Case(List<RegistrationPolicy> policies, String summary, String reference) {
            this.policy = new RequestPolicy(policies, summary, reference);
        }
    }

    /** The summary with its reference: "System port: IETF Review or IESG Approval (RFC ...)". */
    public String sentence() {
        return summary + " (" + reference + ")";
    }

    /**
     * The policy for a request for {@code port}, given its statuses on the transports asked for.
     */
    public static RequestPolicy forPort(int port, Collection<PortStatus> statuses) {
        PortRange range = PortRange.of(port);
        if (range == PortRange.DYNAMIC) {
            return Case.DYNAMIC.policy;
        }
        if (statuses.contains(PortStatus.ASSIGNED) || statuses.contains(PortStatus.OTHER)) {
            return Case.ASSIGNED.policy;
        }
        if (statuses.contains(PortStatus.RESERVED)) {
            return Case.RESERVED.policy;
        }
        if (statuses.contains(PortStatus.UNLISTED)) {
            return Case.NOT_LISTED_CASE.policy;
        }
        return forRange(range);
    }

    /** The policy for a free port in {@code range}. */
    public static RequestPolicy forRange(PortRange range) {
        return switch (range) {
            case SYSTEM -> Case.SYSTEM.policy;
            case USER -> Case.USER.policy;
            case DYNAMIC -> Case.DYNAMIC.policy;
        };
    }
}
