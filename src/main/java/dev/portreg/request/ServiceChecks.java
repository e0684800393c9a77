package dev.portreg.request;

import dev.portreg.registry.EarlyAllocation;
import dev.portreg.registry.Entry;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Ports;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The checks of the kinds that act on a registered service: another transport, a modification, a
 * de-assignment or revocation, the renewal or making permanent of an early allocation. Only the
 * service's Assignee or Contact may ask (an operator revokes), and only for entries they hold.
 */
final class ServiceChecks {

    private final CheckFindings f;
    private final RequestContent c;
    private final RegistrySnapshot reg;
    private final Ownership owner;

    ServiceChecks(CheckFindings findings, Ownership owner) {
        this.f = findings;
        this.c = findings.c;
        this.reg = findings.reg;
        this.owner = owner;
    }

    /**
     * The renewal (one extension, RFC 7120 §3.3: the IESG decides) or the making permanent (IANA,
     * once the document is published as an RFC) of one's own early allocation.
     */
    void earlyChange(boolean renewal) {
        f.tracks(
                EnumSet.of(renewal ? Track.IESG_APPROVAL : Track.FCFS),
                renewal
                        ? "An early allocation is extended once, by a year, when the IESG approves"
                                + " (RFC 7120 §3.3)"
                        : "When its document is published, IANA makes the early allocation"
                                + " permanent with the RFC as its reference (RFC 7120 §3.2)");
        if (!renewal
                && (c.reference() == null
                        || RegistryAction.references(c).stream()
                                .noneMatch(r -> "rfc".equals(r.type())))) {
            f.error("reference", "cite the RFC the document was published as (RFC 1234)");
        }
        List<StoredEntry> service = ownedService();
        if (service == null) {
            return;
        }
        for (StoredEntry se : service) {
            var early = EarlyAllocation.in(se.entry().description());
            if (early.isEmpty()) {
                f.error("targetService", c.targetService() + " is not an early allocation");
                return;
            }
            if (early.get().expiredOn(f.ctx.today())) {
                f.error(
                        "targetService",
                        "the early allocation expired on " + early.get().expires());
                return;
            }
            if (renewal && early.get().extended() != null) {
                f.error(
                        "targetService",
                        "it was extended on "
                                + early.get().extended()
                                + "; RFC 7120 §3.3 allows one extension");
                return;
            }
        }
    }

    void addTransport() {
        List<StoredEntry> service = ownedService();
        f.tracks(
                EnumSet.of(Track.EXPERT_REVIEW),
                "Another transport for an existing assignment: Expert Review (RFC 6335 §8.1)");
        if (c.transports().isEmpty()) {
            f.error("transports", "choose the transports to add");
        }
        if (service == null) {
            return;
        }
        Entry base = service.get(0).entry();
        Ports ports = servicePorts(service);
        for (Transport t : c.transports()) {
            boolean has = service.stream().anyMatch(se -> se.entry().covers(t));
            if (has) {
                f.error("transports", base.serviceName() + " is already registered on " + t);
                continue;
            }
            if (ports != null) {
                for (int p = ports.from(); p <= ports.to(); p++) {
                    PortStatus s = reg.status(p, t);
                    if (s == PortStatus.ASSIGNED || s == PortStatus.OTHER) {
                        f.error("transports", p + "/" + t + " is " + f.holderText(p, t));
                    }
                }
                f.competitorsOnPorts(ports, List.of(t));
            }
        }
        f.serviceCode();
    }

    void modify() {
        List<StoredEntry> service = ownedService();
        f.tracks(
                EnumSet.of(Track.FCFS),
                "Description and contact changes are handled by IANA (RFC 6335 §8.6)");
        if (service == null) {
            return;
        }
        Entry base = service.get(0).entry();
        if (!c.assignee().isEmpty() && !owner.sameParty(base.assigneeId(), c.assignee())) {
            f.error(
                    "assignee",
                    "the Assignee cannot be changed (RFC 6335 §8.6); that would be a transfer,"
                            + " which is not allowed (§8.5): de-assign and file a new request");
        }
        boolean newDescription =
                c.description() != null && !c.description().equals(base.description());
        boolean newContact =
                !c.contact().isEmpty() && !owner.sameParty(base.contactId(), c.contact());
        if (!newDescription && !newContact) {
            f.error("description", "change the description or the contact (or both)");
        }
        if (!c.contact().isEmpty()) {
            f.checkParty("contact", c.contact());
        }
    }

    /** A de-assignment by the assignee, or (when {@code revoke}) a revocation by the operator. */
    void deAssign(boolean revoke) {
        f.tracks(
                EnumSet.of(revoke ? Track.IESG_APPROVAL : Track.FCFS),
                revoke
                        ? "Revocation: a four-week community call, then an IESG decision (RFC 6335 §8.4)"
                        : "De-assignment by the assignee: IANA checks and marks the port Reserved"
                                + " (RFC 6335 §8.2)");
        List<StoredEntry> service;
        if (revoke) {
            if (!f.ctx.operator()) {
                f.error("kind", "only the IANA operator starts a revocation (RFC 6335 §8.4)");
            }
            service = existingService();
            if (c.notes() == null) {
                f.error("notes", "say why the assignment should be revoked");
            }
        } else {
            service = ownedService();
        }
        if (service != null && service.stream().allMatch(se -> se.entry().ports() == null)) {
            f.error("targetService", c.targetService() + " has no port to give back");
        }
    }

    private List<StoredEntry> existingService() {
        String name = c.targetService();
        if (name == null) {
            f.error("targetService", "name the registered service this request is about");
            return null;
        }
        List<StoredEntry> found = reg.byName(name);
        if (found.isEmpty()) {
            f.error("targetService", "no service named \"" + name + "\" is registered");
            return null;
        }
        return found;
    }

    /**
     * The entries of the target service, when the requester holds every one of them: a request acts
     * on the whole service, so holding one entry of a name must not unlock another assignee's entry
     * of the same name.
     */
    private List<StoredEntry> ownedService() {
        List<StoredEntry> found = existingService();
        if (found == null) {
            return null;
        }
        List<StoredEntry> others = new ArrayList<>();
        boolean any = false;
        for (StoredEntry se : found) {
            if (owner.ownedBy(se.entry())) {
                any = true;
                f.iesgEntries |= owner.iesgHeld(se.entry());
            } else {
                others.add(se);
            }
        }
        if (!any) {
            f.error(
                    "targetService",
                    "only the Assignee or the Contact of "
                            + found.get(0).entry().serviceName()
                            + " may ask for this: your account's verified email address must be"
                            + " theirs, or an operator must link your account to them"
                            + (found.stream().anyMatch(se -> owner.iesgHeld(se.entry()))
                                    ? " (entries of the IESG or the IETF Chair: an IESG member"
                                            + " asks, and the IESG ballots)"
                                    : ""));
            return null;
        }
        if (!others.isEmpty()) {
            f.error(
                    "targetService",
                    found.get(0).entry().serviceName()
                            + " also has entries you do not hold: "
                            + String.join(", ", others.stream().map(this::held).toList())
                            + ". A request may change only entries you hold; ask IANA");
            return null;
        }
        return found;
    }

    /** An entry someone else holds, as "953/tcp (Owner)". */
    private String held(StoredEntry se) {
        Entry e = se.entry();
        return (e.ports() == null ? "" : e.ports() + "/")
                + (e.transport() == null ? "any" : e.transport().slug())
                + " ("
                + RequestPreview.personText(reg, e.assigneeId(), Map.of())
                + ")";
    }

    private static Ports servicePorts(List<StoredEntry> service) {
        for (StoredEntry se : service) {
            if (se.entry().ports() != null) {
                return se.entry().ports();
            }
        }
        return null;
    }
}
