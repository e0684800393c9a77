package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry actions of RFC 6335 §8 as pure functions from the registry as it is to the {@link
 * ChangePlan} that performs them: a new assignment (the gap split, the requested transports
 * Assigned, the others Reserved), another transport for an assignment, a modification of the
 * description or contact, and a de-assignment or revocation (the ports Reserved, the name kept).
 *
 * <p>A requester's draft preview and the operator's registry action both call these, so what the
 * preview shows is what is written. A plan that cannot be made on this registry (the port was taken
 * meanwhile) is a 409.
 */
public final class RegistryPlans {

    private RegistryPlans() {}

    /**
     * A new assignment.
     *
     * @param ports the port or range asked for; null for "any free port in {@code anyPortIn}", or
     *     with {@code anyPortIn} null too, a name only
     * @param assignee who holds it: an existing person (by id) or a new one (id null: found by
     *     email, else created)
     * @param contact its contact, the assignee when null
     */
    public record Assignment(
            String serviceName,
            Ports ports,
            PortRange anyPortIn,
            List<Transport> transports,
            String description,
            Person assignee,
            Person contact,
            List<Reference> references,
            Long serviceCode,
            String unauthorized,
            String notes) {
        public Assignment {
            transports = List.copyOf(transports);
            references = references == null ? List.of() : List.copyOf(references);
        }
    }

    /** Which way an assignment is given back (RFC 6335 §8.2, §8.4). */
    public enum Release {
        DE_ASSIGN("De-assigned"),
        REVOKE("Revoked");

        final String verb;

        Release(String verb) {
            this.verb = verb;
        }
    }

    public static ChangePlan assign(RegistrySnapshot registry, Assignment a, LocalDate today) {
        RegistryDraft d = new RegistryDraft(registry, today);
        Ports ports = a.ports();
        if (ports == null && a.anyPortIn() != null) {
            Integer pick = pickPort(registry, a.anyPortIn(), a.transports());
            if (pick == null) {
                throw ProblemException.conflict(
                        "no port of the "
                                + a.anyPortIn().label
                                + " range is free on the requested transports");
            }
            ports = Ports.of(pick);
        }
        String assignee = d.person(a.assignee());
        String contact = a.contact() == null ? assignee : d.person(a.contact());
        Entry template =
                new Entry(
                        a.serviceName(),
                        ports,
                        null,
                        a.description(),
                        assignee,
                        contact,
                        today.toString(),
                        null,
                        a.references(),
                        null,
                        a.unauthorized(),
                        a.notes());
        d.write(template, a.transports(), ports, a.serviceCode());
        return d.plan();
    }

    /** Another transport for a registered service: same name, port, people and references. */
    public static ChangePlan addTransport(
            RegistrySnapshot registry,
            String serviceName,
            List<Transport> transports,
            Long serviceCode,
            LocalDate today) {
        RegistryDraft d = new RegistryDraft(registry, today);
        List<StoredEntry> service = d.service(serviceName);
        Entry base = service.get(0).entry();
        Ports ports = null;
        for (StoredEntry se : service) {
            if (se.entry().ports() != null) {
                ports = se.entry().ports();
                break;
            }
        }
        for (Transport t : transports) {
            for (StoredEntry se : service) {
                if (se.entry().ports() != null && se.entry().covers(t)) {
                    throw ProblemException.conflict(
                            base.serviceName() + " is already registered on " + t);
                }
            }
        }
        Entry template =
                new Entry(
                        base.serviceName(),
                        ports,
                        null,
                        base.description(),
                        base.assigneeId(),
                        base.contactId(),
                        today.toString(),
                        null,
                        base.references(),
                        null,
                        base.unauthorized(),
                        base.notes());
        d.write(template, transports, ports, serviceCode);
        return d.plan();
    }

    /**
     * A new description or contact for every entry of a service (RFC 6335 §8.6); null keeps the
     * field as it is.
     */
    public static ChangePlan modify(
            RegistrySnapshot registry,
            String serviceName,
            String description,
            Person contact,
            LocalDate today) {
        RegistryDraft d = new RegistryDraft(registry, today);
        String contactId = contact == null ? null : d.person(contact);
        for (StoredEntry se : d.service(serviceName)) {
            Entry e = se.entry();
            d.update(
                    se,
                    new Entry(
                            e.serviceName(),
                            e.ports(),
                            e.transport(),
                            description != null ? description : e.description(),
                            e.assigneeId(),
                            contactId != null ? contactId : e.contactId(),
                            e.registered(),
                            today.toString(),
                            e.references(),
                            e.serviceCode(),
                            e.unauthorized(),
                            e.notes()));
        }
        return d.plan();
    }

    /**
     * An operator's correction of one entry: the fields given replace the entry's (null keeps a
     * field, "" empties it), and its modification date becomes today.
     *
     * @param key the entry's stable key ("rndc/953/tcp")
     */
    public record Fix(
            String key, String description, String notes, String unauthorized, String contactId) {}

    public static ChangePlan fix(RegistrySnapshot registry, Fix f, LocalDate today) {
        RegistryDraft d = new RegistryDraft(registry, today);
        StoredEntry se =
                registry.byKey(f.key())
                        .orElseThrow(
                                () ->
                                        ProblemException.notFound(
                                                "No registry entry has the key \""
                                                        + f.key()
                                                        + "\""));
        Entry e = se.entry();
        if (f.contactId() != null
                && !f.contactId().isEmpty()
                && !registry.people().containsKey(f.contactId())) {
            throw ProblemException.badInput(
                    "contactId", "no person has the id \"" + f.contactId() + "\"");
        }
        String description = value(f.description(), e.description());
        if (description == null) {
            throw ProblemException.badInput("description", "an entry always has a description");
        }
        Entry fixed =
                new Entry(
                        e.serviceName(),
                        e.ports(),
                        e.transport(),
                        description,
                        e.assigneeId(),
                        value(f.contactId(), e.contactId()),
                        e.registered(),
                        today.toString(),
                        e.references(),
                        e.serviceCode(),
                        value(f.unauthorized(), e.unauthorized()),
                        value(f.notes(), e.notes()));
        if (java.util.Objects.equals(fixed.description(), e.description())
                && java.util.Objects.equals(fixed.notes(), e.notes())
                && java.util.Objects.equals(fixed.unauthorized(), e.unauthorized())
                && java.util.Objects.equals(fixed.contactId(), e.contactId())) {
            throw ProblemException.badInput("key", "the fix changes nothing in " + f.key());
        }
        d.update(se, fixed);
        return d.plan();
    }

    /** A fixed field: null keeps the old value, "" (after trimming) empties it. */
    private static String value(String given, String old) {
        if (given == null) {
            return old;
        }
        String t = given.strip();
        return t.isEmpty() ? null : t;
    }

    /**
     * De-assignment or revocation: every port of the service becomes Reserved with a note of its
     * old use, and the name stays registered as a name-only entry per transport (§8.2, §8.4).
     */
    public static ChangePlan release(
            RegistrySnapshot registry, String serviceName, Release how, LocalDate today) {
        RegistryDraft d = new RegistryDraft(registry, today);
        int position = d.maxPosition() + 1;
        List<Transport> kept = new ArrayList<>();
        Entry first = null;
        for (StoredEntry se : d.service(serviceName)) {
            Entry e = se.entry();
            if (e.ports() == null) {
                continue;
            }
            first = first == null ? e : first;
            d.update(se, reserved(e, how, today));
            for (Transport t : e.transports()) {
                if (!kept.contains(t)) {
                    kept.add(t);
                }
            }
        }
        if (first == null) {
            throw ProblemException.conflict(serviceName + " holds no port any more");
        }
        for (Transport t : kept) {
            d.add(nameOnly(first, t, how, today), position);
        }
        return d.plan();
    }

    /** What a released entry becomes: its ports Reserved, with a note of their old use. */
    private static Entry reserved(Entry e, Release how, LocalDate today) {
        String note =
                how.verb
                        + " on "
                        + today
                        + ", previously "
                        + e.serviceName()
                        + (e.assigneeId() == null ? "" : " by [" + e.assigneeId() + "]");
        return new Entry(
                null,
                e.ports(),
                e.transport(),
                "Reserved",
                null,
                null,
                null,
                today.toString(),
                e.references(),
                null,
                null,
                note);
    }

    /** The name-only entry on {@code t} that keeps a released service's name registered. */
    private static Entry nameOnly(Entry first, Transport t, Release how, LocalDate today) {
        return new Entry(
                first.serviceName(),
                null,
                t,
                first.description(),
                first.assigneeId(),
                first.contactId(),
                first.registered(),
                today.toString(),
                first.references(),
                null,
                null,
                "Port " + first.ports() + " " + how.verb.toLowerCase(Locale.ROOT) + " on " + today);
    }

    /**
     * The port IANA picks for "any free port in {@code range}": the lowest port free on the
     * requested transports and on all others too, so the unrequested ones can be Reserved; else the
     * lowest free on the requested ones; null when the range is full.
     */
    public static Integer pickPort(
            RegistrySnapshot registry, PortRange range, List<Transport> transports) {
        if (transports.isEmpty()) {
            return null;
        }
        Integer fallback = null;
        for (int p = range.from; p <= range.to; p++) {
            if (registry.free(p, transports)) {
                if (registry.free(p, Transport.ALL)) {
                    return p;
                }
                if (fallback == null) {
                    fallback = p;
                }
            }
        }
        return fallback;
    }

    /** The same person: the same address, and the same name unless none is given. */
    static boolean same(Person party, Person known) {
        return RegistryDraft.same(party, known);
    }
}
