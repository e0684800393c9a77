package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        Draft d = new Draft(registry, today);
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
        Draft d = new Draft(registry, today);
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
        Draft d = new Draft(registry, today);
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
        Draft d = new Draft(registry, today);
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
        Draft d = new Draft(registry, today);
        int position = d.maxPosition() + 1;
        List<Transport> kept = new ArrayList<>();
        Entry first = null;
        for (StoredEntry se : d.service(serviceName)) {
            Entry e = se.entry();
            if (e.ports() == null) {
                continue;
            }
            first = first == null ? e : first;
            String note =
                    how.verb
                            + " on "
                            + today
                            + ", previously "
                            + e.serviceName()
                            + (e.assigneeId() == null ? "" : " by [" + e.assigneeId() + "]");
            d.update(
                    se,
                    new Entry(
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
                            note));
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
            d.add(
                    new Entry(
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
                            "Port "
                                    + first.ports()
                                    + " "
                                    + how.verb.toLowerCase(Locale.ROOT)
                                    + " on "
                                    + today),
                    position);
        }
        return d.plan();
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

    /** A working copy of the registry that a plan edits, recording each edit as an item. */
    private static final class Draft {
        final RegistrySnapshot registry;
        final LocalDate today;
        final List<ChangeItem> items = new ArrayList<>();
        final Map<String, Person> people = new LinkedHashMap<>();

        /**
         * What the plan did so far, over the registry (read through its indexes, never copied): the
         * new version of each entry it touched (null when removed), and the entries it added.
         */
        final Map<Long, StoredEntry> touched = new LinkedHashMap<>();

        final List<StoredEntry> added = new ArrayList<>();
        final Set<String> keysTaken = new HashSet<>();
        final Set<String> keysFreed = new HashSet<>();
        long nextTemporaryId = -1;

        Draft(RegistrySnapshot registry, LocalDate today) {
            this.registry = registry;
            this.today = today;
        }

        /** The entries covering {@code port} now, in file order. */
        List<StoredEntry> at(int port) {
            List<StoredEntry> out = new ArrayList<>();
            for (StoredEntry se : registry.entriesAt(port)) {
                if (!touched.containsKey(se.id())) {
                    out.add(se);
                }
            }
            for (StoredEntry se : touched.values()) {
                if (se != null && se.entry().covers(port)) {
                    out.add(se);
                }
            }
            for (StoredEntry se : added) {
                if (se.entry().covers(port)) {
                    out.add(se);
                }
            }
            out.sort(RegistrySnapshot.FILE_ORDER);
            return out;
        }

        /** The entries covering any of {@code ports} now, each once, in file order. */
        List<StoredEntry> over(Ports ports) {
            Map<Long, StoredEntry> out = new LinkedHashMap<>();
            for (int p = ports.from(); p <= ports.to(); p++) {
                for (StoredEntry se : at(p)) {
                    out.putIfAbsent(se.id(), se);
                }
            }
            List<StoredEntry> list = new ArrayList<>(out.values());
            list.sort(RegistrySnapshot.FILE_ORDER);
            return list;
        }

        ChangePlan plan() {
            return new ChangePlan(
                    ChangeKind.REGISTRY_ACTION,
                    String.join("; ", lines()),
                    items,
                    Map.of(),
                    List.copyOf(people.values()),
                    null);
        }

        private List<String> lines() {
            List<String> out = new ArrayList<>();
            for (ChangeItem i : items) {
                if (i.action() != ChangeItem.Action.REMOVED
                        && i.after().status() != PortStatus.UNASSIGNED) {
                    out.add(ChangePlan.line(i.after()));
                }
            }
            return out;
        }

        List<StoredEntry> service(String name) {
            List<StoredEntry> out = new ArrayList<>();
            for (StoredEntry se : registry.byName(name)) {
                if (!touched.containsKey(se.id())) {
                    out.add(se);
                }
            }
            for (StoredEntry se : touched.values()) {
                if (se != null && named(se, name)) {
                    out.add(se);
                }
            }
            for (StoredEntry se : added) {
                if (named(se, name)) {
                    out.add(se);
                }
            }
            out.sort(RegistrySnapshot.FILE_ORDER);
            if (out.isEmpty()) {
                throw ProblemException.conflict(
                        "no service named \"" + name + "\" is registered any more");
            }
            return out;
        }

        /**
         * Writes the entries of an assignment: a name-only entry per transport without ports; with
         * ports, the gap split, each requested transport Assigned (a Reserved counterpart of the
         * same ports becomes the assignment), each other transport Reserved where nobody holds it.
         */
        void write(Entry template, List<Transport> transports, Ports ports, Long code) {
            if (ports == null) {
                int position = maxPosition() + 1;
                for (Transport t : transports) {
                    add(withTransport(template, t, code), position);
                }
                return;
            }
            for (Transport t : transports) {
                if (!free(ports, t) && reservedAt(ports, t) == null) {
                    throw ProblemException.conflict(
                            ports
                                    + "/"
                                    + t
                                    + " is no longer free: another assignment took it first");
                }
            }
            int position = splitGaps(ports);
            for (Transport t : Transport.ALL) {
                boolean requested = transports.contains(t);
                StoredEntry reserved = reservedAt(ports, t);
                if (requested) {
                    Entry assigned = withTransport(template, t, code);
                    if (reserved != null) {
                        // The assignee claims its reserved counterpart (RFC 6335 §7.2, §8.1).
                        update(reserved, assigned);
                    } else {
                        add(assigned, position);
                    }
                } else if (reserved == null && free(ports, t)) {
                    add(
                            new Entry(
                                    null,
                                    ports,
                                    t,
                                    "Reserved",
                                    null,
                                    null,
                                    null,
                                    null,
                                    List.of(),
                                    null,
                                    null,
                                    null),
                            position);
                }
            }
        }

        /**
         * Takes {@code ports} out of the Unassigned rows that cover it (916-952 becomes 916-937 and
         * 939-952); returns the position the new entries go to.
         */
        int splitGaps(Ports ports) {
            int position = -1;
            for (StoredEntry se : over(ports)) {
                Entry e = se.entry();
                if (e.ports() == null
                        || e.status() != PortStatus.UNASSIGNED
                        || !e.ports().overlaps(ports)) {
                    continue;
                }
                position = position < 0 ? se.position() : Math.min(position, se.position());
                remove(se);
                if (e.ports().from() < ports.from()) {
                    add(withPorts(e, new Ports(e.ports().from(), ports.from() - 1)), se.position());
                }
                if (e.ports().to() > ports.to()) {
                    add(withPorts(e, new Ports(ports.to() + 1, e.ports().to())), se.position());
                }
            }
            return position < 0 ? positionFor(ports) : position;
        }

        /** The single-transport Reserved entry on exactly these ports and transport, or null. */
        StoredEntry reservedAt(Ports ports, Transport t) {
            for (StoredEntry se : at(ports.from())) {
                Entry e = se.entry();
                if (ports.equals(e.ports())
                        && e.transport() == t
                        && e.status() == PortStatus.RESERVED) {
                    return se;
                }
            }
            return null;
        }

        /** True when no held entry covers any of {@code ports} on {@code t}. */
        boolean free(Ports ports, Transport t) {
            for (StoredEntry se : over(ports)) {
                Entry e = se.entry();
                if (RegistryWriter.held(e) && e.covers(t) && e.ports().overlaps(ports)) {
                    return false;
                }
            }
            return true;
        }

        /** Where entries for a port no gap row covers go: after those at the nearest port below. */
        int positionFor(Ports ports) {
            for (int p = ports.from(); p >= 0; p--) {
                List<StoredEntry> here = at(p);
                if (!here.isEmpty()) {
                    return here.get(here.size() - 1).position();
                }
            }
            return 0;
        }

        int maxPosition() {
            int max = Math.max(0, registry.lastPosition());
            for (StoredEntry se : touched.values()) {
                if (se != null) {
                    max = Math.max(max, se.position());
                }
            }
            for (StoredEntry se : added) {
                max = Math.max(max, se.position());
            }
            return max;
        }

        void add(Entry e, int position) {
            String key = nextKey(e);
            keysTaken.add(key);
            added.add(new StoredEntry(nextTemporaryId--, key, position, e));
            items.add(ChangeItem.added(key, position, e));
        }

        void update(StoredEntry old, Entry now) {
            String key =
                    EntryKeys.base(old.entry()).equals(EntryKeys.base(now))
                            ? old.key()
                            : nextKey(now);
            if (!key.equals(old.key())) {
                keysFreed.add(old.key());
            }
            keysTaken.add(key);
            StoredEntry next = new StoredEntry(old.id(), key, old.position(), now);
            if (old.id() < 0) {
                // an entry this plan added: it is added in its new form
                added.set(added.indexOf(old), next);
                replaceAdded(old, key, now);
                return;
            }
            touched.put(old.id(), next);
            items.add(ChangeItem.changed(old, key, old.position(), now));
        }

        void remove(StoredEntry old) {
            keysFreed.add(old.key());
            if (old.id() < 0) {
                added.remove(old);
                items.removeIf(
                        i -> i.action() == ChangeItem.Action.ADDED && i.key().equals(old.key()));
                return;
            }
            touched.put(old.id(), null);
            items.add(ChangeItem.removed(old));
        }

        /** The item that adds {@code old} adds {@code now} instead. */
        private void replaceAdded(StoredEntry old, String key, Entry now) {
            for (int i = 0; i < items.size(); i++) {
                ChangeItem item = items.get(i);
                if (item.action() == ChangeItem.Action.ADDED && item.key().equals(old.key())) {
                    items.set(i, ChangeItem.added(key, old.position(), now));
                    return;
                }
            }
        }

        /** A key no entry has: the base key, or "#n" after it. */
        String nextKey(Entry e) {
            String base = EntryKeys.base(e);
            int n = 1;
            while (taken(EntryKeys.repeat(base, n))) {
                n++;
            }
            return EntryKeys.repeat(base, n);
        }

        private boolean taken(String key) {
            return keysTaken.contains(key)
                    || (registry.byKey(key).isPresent() && !keysFreed.contains(key));
        }

        private static boolean named(StoredEntry se, String name) {
            return se.entry().serviceName() != null
                    && se.entry().serviceName().equalsIgnoreCase(name);
        }

        /**
         * The person id for a party: its own id when it has one; else the existing person with that
         * email and that name (or no name given); else a new person with an id made from the name.
         * Two people may share an address (an assignee's role address, its contact's): each keeps
         * their own name and organisation.
         */
        String person(Person p) {
            if (p == null) {
                return null;
            }
            if (p.id() != null) {
                return p.id();
            }
            if (p.email() != null) {
                String found = null;
                for (Person known : registry.people().values()) {
                    if (same(p, known) && (found == null || known.id().compareTo(found) < 0)) {
                        found = known.id();
                    }
                }
                if (found != null) {
                    return found;
                }
                for (Person planned : people.values()) {
                    if (same(p, planned)) {
                        return planned.id();
                    }
                }
            }
            String base =
                    (p.name() != null ? p.name() : p.org() != null ? p.org() : "Person")
                            .replaceAll("[^A-Za-z0-9]+", "_")
                            .replaceAll("^_+|_+$", "");
            if (base.isEmpty()) {
                base = "Person";
            }
            String id = base;
            for (int n = 2; registry.people().containsKey(id) || people.containsKey(id); n++) {
                id = base + "_" + n;
            }
            people.put(id, new Person(id, p.name(), p.org(), p.email(), null, today.toString()));
            return id;
        }
    }

    /** The same person: the same address, and the same name unless none is given. */
    static boolean same(Person party, Person known) {
        if (!party.email().equalsIgnoreCase(known.email() == null ? "" : known.email())) {
            return false;
        }
        return party.name() == null
                || known.name() == null
                || party.name().strip().equalsIgnoreCase(known.name().strip());
    }

    private static Entry withTransport(Entry e, Transport t, Long code) {
        return new Entry(
                e.serviceName(),
                e.ports(),
                t,
                e.description(),
                e.assigneeId(),
                e.contactId(),
                e.registered(),
                e.modified(),
                e.references(),
                t == Transport.DCCP ? code : null,
                e.unauthorized(),
                e.notes());
    }

    private static Entry withPorts(Entry e, Ports p) {
        return new Entry(
                e.serviceName(),
                p,
                e.transport(),
                e.description(),
                e.assigneeId(),
                e.contactId(),
                e.registered(),
                e.modified(),
                e.references(),
                e.serviceCode(),
                e.unauthorized(),
                e.notes());
    }
}
