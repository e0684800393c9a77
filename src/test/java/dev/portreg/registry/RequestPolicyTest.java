package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPolicyTest {

    private static final List<PortStatus> FREE =
            List.of(PortStatus.UNASSIGNED, PortStatus.UNASSIGNED);

    @Test
    void systemPortsNeedIetfReviewOrIesgApproval() {
        RequestPolicy p = RequestPolicy.forPort(938, FREE);
        assertEquals("System port: IETF Review or IESG Approval", p.summary());
        assertEquals(
                List.of(RegistrationPolicy.IETF_REVIEW, RegistrationPolicy.IESG_APPROVAL),
                p.policies());
    }

    @Test
    void userPortsAlsoTakeExpertReview() {
        assertTrue(
                RequestPolicy.forPort(5000, FREE)
                        .policies()
                        .contains(RegistrationPolicy.EXPERT_REVIEW));
    }

    @Test
    void dynamicPortsAreNeverAssigned() {
        assertTrue(RequestPolicy.forPort(50000, FREE).policies().isEmpty());
    }

    @Test
    void reservedAndAssignedPortsSayWhy() {
        assertTrue(
                RequestPolicy.forPort(953, List.of(PortStatus.RESERVED))
                        .summary()
                        .startsWith("Reserved"));
        assertTrue(RequestPolicy.forPort(80, List.of(PortStatus.ASSIGNED)).policies().isEmpty());
    }

    @Test
    void aPortTheRegistryDoesNotListIsNeverGivenTheReservedText() {
        for (List<PortStatus> statuses :
                List.of(
                        List.of(PortStatus.UNLISTED),
                        List.of(PortStatus.UNASSIGNED, PortStatus.UNLISTED),
                        List.of(
                                PortStatus.UNLISTED,
                                PortStatus.UNLISTED,
                                PortStatus.UNLISTED,
                                PortStatus.UNLISTED))) {
            for (int port : List.of(3, 5000)) {
                RequestPolicy p = RequestPolicy.forPort(port, statuses);
                assertTrue(
                        p.summary().startsWith("Not listed: the registry has no entry for it"),
                        p.summary());
                assertTrue(
                        p.summary().contains("not free, though not Reserved either"), p.summary());
                assertFalse(p.summary().startsWith("Reserved"), p.summary());
                // decided as a Reserved one would be (RFC 6335 §8.1)
                assertEquals(
                        List.of(
                                RegistrationPolicy.EXPERT_REVIEW,
                                RegistrationPolicy.STANDARDS_ACTION,
                                RegistrationPolicy.IESG_APPROVAL),
                        p.policies());
            }
        }
        assertTrue(
                RequestPolicy.forPort(953, List.of(PortStatus.RESERVED, PortStatus.UNLISTED))
                        .summary()
                        .startsWith("Reserved:"),
                "a Reserved transport says Reserved");
        assertTrue(
                RequestPolicy.forPort(23, List.of(PortStatus.ASSIGNED, PortStatus.UNLISTED))
                        .summary()
                        .startsWith("Assigned:"));
        assertTrue(
                RequestPolicy.forPort(50000, List.of(PortStatus.UNLISTED))
                        .summary()
                        .startsWith("Dynamic port"));
    }

    @Test
    void portsParseLikeIana() {
        assertEquals(new Ports(916, 952), Ports.parse("916-952"));
        assertEquals("938", Ports.parse(" 938 ").toString());
        assertEquals(37, Ports.parse("916-952").size());
    }
}
