package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A working copy of the registry that a plan edits, recording each edit as an item: what {@link
 * RegistryPlans} and {@link EarlyAllocationPlans} write with. It reads the registry through its
 * indexes and never copies it.
 */
final class RegistryDraft {

    final RegistrySnapshot registry;
    final LocalDate today;
    final List<ChangeItem> items = new ArrayList<>();
    final Map<String, Person> people = new LinkedHashMap<>();

    /**
     * What the plan did so far, over the registry (read through its indexes, never copied): the new
     * version of each entry it touched (null when removed), and the entries it added.
     */
    final Map<Long, StoredEntry> touched = new LinkedHashMap<>();

    final List<StoredEntry> added = new ArrayList<>();
    final Set<String> keysTaken = new HashSet<>();
    final Set<String> keysFreed = new HashSet<>();
    long nextTemporaryId = -1;

    RegistryDraft(RegistrySnapshot registry, LocalDate today) {
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
     * ports, the gap split, each requested transport Assigned (a Reserved counterpart of the same
     * ports becomes the assignment), each other transport Reserved where nobody holds it.
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
                        ports + "/" + t + " is no longer free: another assignment took it first");
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
                EntryKeys.base(old.entry()).equals(EntryKeys.base(now)) ? old.key() : nextKey(now);
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
            items.removeIf(i -> i.action() == ChangeItem.Action.ADDED && i.key().equals(old.key()));
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
        return se.entry().serviceName() != null && se.entry().serviceName().equalsIgnoreCase(name);
    }

    /**
     * The person id for a party: its own id when it has one; else the existing person with that
     * email and that name (or no name given); else a new person with an id made from the name. Two
     * people may share an address (an assignee's role address, its contact's): each keeps their own
     * name and organisation.
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
