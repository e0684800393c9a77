package dev.portreg.account;

import java.util.List;
import java.util.Set;

/**
 * The roles of the RFC 6335 process, as held in {@code account_role.role} and used in
 * {@code @RolesAllowed}. The database CHECK constraint lists the same four names.
 */
public final class Roles {

    /** Anyone who registers: drafts and submits port requests. Every account holds it. */
    public static final String REQUESTER = "requester";

    /** A designated expert (RFC 6335 §8.1.1): reviews requests. */
    public static final String EXPERT = "expert";

    /** A member of the IESG: ballots on requests that need IESG Approval. */
    public static final String IESG = "iesg";

    /** An IANA operator: updates the registry and manages accounts. */
    public static final String IANA = "iana";

    /** Every role, in the order pages show them. */
    public static final List<String> ALL = List.of(REQUESTER, EXPERT, IESG, IANA);

    /** The roles an operator grants; {@link #REQUESTER} is always held and never granted. */
    public static final List<String> GRANTABLE = List.of(EXPERT, IESG, IANA);

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private Roles() {}

    public static boolean isKnown(String role) {
        return role != null && KNOWN.contains(role);
    }
}
