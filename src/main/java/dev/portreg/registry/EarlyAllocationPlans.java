package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The registry side of an early allocation (RFC 7120), as pure plans like {@link RegistryPlans}:
 * made as an assignment whose description carries IANA's TEMPORARY marker for a year, extended
 * once, made permanent when its document is published, or expired, which gives its ports back.
 */
public final class EarlyAllocationPlans {

    private EarlyAllocationPlans() {}

    /** A new early allocation: the assignment, marked TEMPORARY from today for a year. */
    public static ChangePlan allocate(
            RegistrySnapshot registry, RegistryPlans.Assignment a, LocalDate today) {
        String marked = EarlyAllocation.granted(today).describe(a.description());
        return RegistryPlans.assign(
                registry,
                new RegistryPlans.Assignment(
                        a.serviceName(),
                        a.ports(),
                        a.anyPortIn(),
                        a.transports(),
                        marked,
                        a.assignee(),
                        a.contact(),
                        a.references(),
                        a.serviceCode(),
                        a.unauthorized(),
                        a.notes()),
                today);
    }

    /** Its one extension (RFC 7120 §3.3): a year more from the current expiry. */
    public static ChangePlan extend(RegistrySnapshot registry, String name, LocalDate today) {
        return rewrite(
                registry,
                name,
                today,
                e -> {
                    EarlyAllocation now = EarlyAllocation.in(e.description()).orElseThrow();
                    return with(
                            e,
                            now.extendedOn(today).describe(e.description()),
                            e.references(),
                            today);
                });
    }

    /**
     * Permanent, once its document is published: the TEMPORARY marker goes, and {@code published}
     * (the RFC) replaces the draft among the references.
     */
    public static ChangePlan makePermanent(
            RegistrySnapshot registry, String name, Reference published, LocalDate today) {
        return rewrite(
                registry,
                name,
                today,
                e -> {
                    List<Reference> refs = new ArrayList<>();
                    for (Reference r : e.references()) {
                        if (!"draft".equals(r.type())) {
                            refs.add(r);
                        }
                    }
                    if (published != null && !refs.contains(published)) {
                        refs.add(published);
                    }
                    return with(e, EarlyAllocation.withoutMarker(e.description()), refs, today);
                });
    }

    /**
     * Expiry: each port the allocation held returns to what it was before it, Unassigned on every
     * transport it made Assigned or Reserved, and the name goes with it. Refused (409) before the
     * expiry date has passed.
     */
    public static ChangePlan expire(RegistrySnapshot registry, String name, LocalDate today) {
        RegistryDraft d = new RegistryDraft(registry, today);
        Set<Integer> ports = new LinkedHashSet<>();
        for (StoredEntry se : allocation(d, name)) {
            EarlyAllocation a = EarlyAllocation.in(se.entry().description()).orElseThrow();
            if (!a.expiredOn(today)) {
                throw ProblemException.conflict(
                        name + "'s early allocation holds until " + a.expires() + "; not expired");
            }
            for (int p = se.entry().ports().from(); p <= se.entry().ports().to(); p++) {
                ports.add(p);
            }
            d.update(se, unassigned(se.entry()));
        }
        // The Reserved companions the allocation wrote on the other transports go too, unless
        // someone still holds the port.
        for (int p : ports) {
            List<StoredEntry> at = d.at(p);
            boolean held = at.stream().anyMatch(se -> se.entry().serviceName() != null);
            for (StoredEntry se : at) {
                Entry e = se.entry();
                if (!held
                        && e.status() == PortStatus.RESERVED
                        && e.assigneeId() == null
                        && e.ports().from() == p
                        && e.ports().to() == p) {
                    d.update(se, unassigned(e));
                }
            }
        }
        return d.plan();
    }

    /** The names of early allocations whose expiry date has passed on {@code today}. */
    public static List<String> expiredOn(RegistrySnapshot registry, LocalDate today) {
        return names(registry, a -> a.expiredOn(today));
    }

    /** The names of early allocations that expire within {@code days} of {@code today}. */
    public static List<String> expiringWithin(
            RegistrySnapshot registry, LocalDate today, int days) {
        return names(registry, a -> a.expiresWithin(today, days));
    }

    private static List<String> names(
            RegistrySnapshot registry, java.util.function.Predicate<EarlyAllocation> which) {
        Set<String> out = new LinkedHashSet<>();
        for (StoredEntry se : registry.entries()) {
            Entry e = se.entry();
            if (e.serviceName() != null
                    && e.ports() != null
                    && EarlyAllocation.in(e.description()).filter(which).isPresent()) {
                out.add(e.serviceName());
            }
        }
        return List.copyOf(out);
    }

    private static ChangePlan rewrite(
            RegistrySnapshot registry, String name, LocalDate today, UnaryOperator<Entry> how) {
        RegistryDraft d = new RegistryDraft(registry, today);
        for (StoredEntry se : allocation(d, name)) {
            d.update(se, how.apply(se.entry()));
        }
        return d.plan();
    }

    /** The port entries of {@code name} that carry the marker; 409 when there are none. */
    private static List<StoredEntry> allocation(RegistryDraft d, String name) {
        List<StoredEntry> out = new ArrayList<>();
        for (StoredEntry se : d.service(name)) {
            if (se.entry().ports() != null
                    && EarlyAllocation.in(se.entry().description()).isPresent()) {
                out.add(se);
            }
        }
        if (out.isEmpty()) {
            throw ProblemException.conflict(name + " is not an early allocation");
        }
        return out;
    }

    private static Entry with(
            Entry e, String description, List<Reference> references, LocalDate today) {
        return new Entry(
                e.serviceName(),
                e.ports(),
                e.transport(),
                description,
                e.assigneeId(),
                e.contactId(),
                e.registered(),
                today.toString(),
                references,
                e.serviceCode(),
                e.unauthorized(),
                e.notes());
    }

    private static Entry unassigned(Entry e) {
        return new Entry(
                null,
                e.ports(),
                e.transport(),
                "Unassigned",
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null);
    }
}
