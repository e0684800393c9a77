package dev.portreg.request;

import dev.portreg.account.PersonLinks;
import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import dev.portreg.request.RequestChecks.Requester;
import java.util.Locale;
import java.util.Set;

/**
 * Whose entries the requester may ask about (RFC 6335 §8: the Assignee or the Contact): by a
 * verified address that is that person's, or by an operator's link to that person; entries of the
 * IESG or the IETF Chair belong to every IESG member and to nobody else.
 */
record Ownership(RegistrySnapshot reg, Requester who) {

    /** The addresses of the IESG and the IETF Chair, whose entries change only by ballot. */
    static final Set<String> IESG_ADDRESSES = Set.of("iesg@ietf.org", "chair@ietf.org");

    /**
     * True when the requester is the Assignee or the Contact of {@code e}: by a verified address
     * that is that person's, or by an operator's link to that person. An entry of the IESG or the
     * IETF Chair is held by every IESG member and by nobody else.
     */
    boolean ownedBy(Entry e) {
        if (iesgHeld(e)) {
            return who.iesgMember();
        }
        for (String id : new String[] {e.assigneeId(), e.contactId()}) {
            if (id == null || iesgPerson(id)) {
                continue;
            }
            if (who.people().contains(id)) {
                return true;
            }
            Person p = reg.people().get(id);
            if (who.verifiedEmail() != null
                    && p != null
                    && p.email() != null
                    && p.email().equalsIgnoreCase(who.verifiedEmail())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the entry's Assignee is the IESG or the IETF Chair. */
    boolean iesgHeld(Entry e) {
        return e.assigneeId() != null && iesgPerson(e.assigneeId());
    }

    boolean iesgPerson(String id) {
        if (PersonLinks.isIesg(id)) {
            return true;
        }
        Person p = reg.people().get(id);
        return p != null
                && p.email() != null
                && IESG_ADDRESSES.contains(p.email().toLowerCase(Locale.ROOT));
    }

    /** True when the requester holds an assignment on {@code port} (on any transport). */
    boolean holds(int port) {
        for (StoredEntry se : reg.entriesAt(port)) {
            if (se.entry().status() == PortStatus.ASSIGNED && ownedBy(se.entry())) {
                return true;
            }
        }
        return false;
    }

    boolean sameParty(String personId, Party p) {
        Person person = personId == null ? null : reg.people().get(personId);
        if (person == null) {
            return false;
        }
        if (p.email() != null && person.email() != null) {
            return p.email().equalsIgnoreCase(person.email());
        }
        return p.name() != null && p.name().equalsIgnoreCase(person.displayName());
    }
}
