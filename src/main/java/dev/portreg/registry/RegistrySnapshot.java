package dev.portreg.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, indexed view of the whole registry at one revision of its change log. Every read of
 * the registry (port status, gaps, names, statistics) is answered from memory.
 *
 * <p>A change set is applied by {@link #with}: only the ports, names and keys it touches are
 * recomputed, and the rest is shared with the snapshot before it, so a registry action costs about
 * the same on IANA's 14,500 entries as on a registry 18 times larger.
 */
public final class RegistrySnapshot {

    /** Ports above this are Dynamic and never listed. */
    static final int LISTED_MAX = PortRange.USER.to;

    private static final PortStatus[] STATUSES = PortStatus.values();
    private static final StoredEntry[] NONE = new StoredEntry[0];

    /** File order: by position, then by id (the order the database reads them in). */
    public static final Comparator<StoredEntry> FILE_ORDER =
            Comparator.comparingInt(StoredEntry::position).thenComparingLong(StoredEntry::id);

    private final RegistryInfo info;

    /** Every entry, in file order. */
    private final StoredEntry[] entries;

    private final List<StoredEntry> entryList;
    private final Map<String, Person> people;

    /** The change set this snapshot shows (0 for an empty registry with no history). */
    private final long revision;

    /** When that change set was committed, or null before the first one. */
    private final Instant changedAt;

    /** [port] → the entries covering it, in file order (shared arrays: never written to). */
    private final StoredEntry[][] byPort;

    /** [transport][port] → PortStatus ordinal. */
    private final byte[][] status;

    private final Layered<String, StoredEntry[]> byName;
    private final Layered<String, StoredEntry> byKey;
    private final Layered<Long, StoredEntry> byId;
    private final Map<PortRange, Map<Transport, Map<PortStatus, Integer>>> counts;

    public RegistrySnapshot(
            RegistryInfo info, List<StoredEntry> entries, Map<String, Person> people) {
        this(info, entries, people, 0, null);
    }

    /**
     * @param entries in file order
     * @param revision the change set the registry shows
     * @param changedAt when it was committed
     */
    public RegistrySnapshot(
            RegistryInfo info,
            List<StoredEntry> entries,
            Map<String, Person> people,
            long revision,
            Instant changedAt) {
        this.info = info;
        this.entries = entries.toArray(NONE);
        this.entryList = Collections.unmodifiableList(Arrays.asList(this.entries));
        this.people = Map.copyOf(people);
        this.revision = revision;
        this.changedAt = changedAt;
        int[] perPort = new int[PortRange.MAX_PORT + 1];
        Map<String, List<StoredEntry>> names = new HashMap<>();
        Map<String, StoredEntry> keys = new HashMap<>(this.entries.length * 2);
        Map<Long, StoredEntry> ids = new HashMap<>(this.entries.length * 2);
        for (StoredEntry se : this.entries) {
            keys.put(se.key(), se);
            ids.put(se.id(), se);
            Entry e = se.entry();
            if (e.serviceName() != null) {
                names.computeIfAbsent(
                                ServiceNames.normalize(e.serviceName()), k -> new ArrayList<>(2))
                        .add(se);
            }
            if (e.ports() != null) {
                for (int p = e.ports().from(); p <= e.ports().to(); p++) {
                    perPort[p]++;
                }
            }
        }
        this.byPort = new StoredEntry[PortRange.MAX_PORT + 1][];
        for (int p = 0; p < perPort.length; p++) {
            byPort[p] = perPort[p] == 0 ? NONE : new StoredEntry[perPort[p]];
            perPort[p] = 0;
        }
        for (StoredEntry se : this.entries) {
            Ports ports = se.entry().ports();
            if (ports != null) {
                for (int p = ports.from(); p <= ports.to(); p++) {
                    byPort[p][perPort[p]++] = se;
                }
            }
        }
        this.status = new byte[Transport.ALL.size()][PortRange.MAX_PORT + 1];
        for (int p = 0; p <= PortRange.MAX_PORT; p++) {
            setStatus(status, p, byPort[p]);
        }
        Map<String, StoredEntry[]> nameArrays = new HashMap<>(names.size() * 2);
        names.forEach((k, v) -> nameArrays.put(k, v.toArray(NONE)));
        this.byName = Layered.of(nameArrays);
        this.byKey = Layered.of(keys);
        this.byId = Layered.of(ids);
        this.counts = count();
    }

    private RegistrySnapshot(
            RegistryInfo info,
            StoredEntry[] entries,
            Map<String, Person> people,
            long revision,
            Instant changedAt,
            StoredEntry[][] byPort,
            byte[][] status,
            Layered<String, StoredEntry[]> byName,
            Layered<String, StoredEntry> byKey,
            Layered<Long, StoredEntry> byId) {
        this.info = info;
        this.entries = entries;
        this.entryList = Collections.unmodifiableList(Arrays.asList(entries));
        this.people = people;
        this.revision = revision;
        this.changedAt = changedAt;
        this.byPort = byPort;
        this.status = status;
        this.byName = byName;
        this.byKey = byKey;
        this.byId = byId;
        this.counts = count();
    }

    /** The strongest status of {@code covering} on each transport, written into {@code rows}. */
    private static void setStatus(byte[][] rows, int port, StoredEntry[] covering) {
        for (Transport t : Transport.ALL) {
            byte s = (byte) PortStatus.UNLISTED.ordinal();
            for (StoredEntry se : covering) {
                Entry e = se.entry();
                if (e.covers(t)) {
                    byte st = (byte) e.status().ordinal();
                    if (st < s) {
                        s = st;
                    }
                }
            }
            rows[t.ordinal()][port] = s;
        }
    }

    /**
     * This registry with change sets applied in order: entries added, changed (also in their
     * position) and removed by id, people written replaced, the header replaced when given. Only
     * what the items touch is recomputed.
     *
     * @param header the registry header after the changes, or null to keep this one's
     */
    public RegistrySnapshot with(
            List<ChangeItem> items,
            Collection<Person> writtenPeople,
            RegistryInfo header,
            long revision,
            Instant changedAt) {
        // the last state of every entry the items touch: null when removed
        Map<Long, StoredEntry> last = new LinkedHashMap<>();
        for (ChangeItem i : items) {
            last.put(i.entryId(), i.action() == ChangeItem.Action.REMOVED ? null : i.stored());
        }
        List<StoredEntry> before = new ArrayList<>(last.size());
        List<StoredEntry> fresh = new ArrayList<>(last.size());
        for (Map.Entry<Long, StoredEntry> e : last.entrySet()) {
            StoredEntry old = byId.get(e.getKey());
            if (old != null) {
                before.add(old);
            }
            if (e.getValue() != null) {
                fresh.add(e.getValue());
            }
        }
        fresh.sort(FILE_ORDER);
        StoredEntry[] nextEntries = merge(last, before.size(), fresh);

        StoredEntry[][] nextByPort = byPort.clone();
        byte[][] nextStatus = new byte[status.length][];
        for (int t = 0; t < status.length; t++) {
            nextStatus[t] = status[t].clone();
        }
        java.util.BitSet ports = new java.util.BitSet(PortRange.MAX_PORT + 1);
        for (StoredEntry se : before) {
            mark(ports, se);
        }
        for (StoredEntry se : fresh) {
            mark(ports, se);
        }
        for (int p = ports.nextSetBit(0); p >= 0; p = ports.nextSetBit(p + 1)) {
            nextByPort[p] = replaced(byPort[p], last, fresh, p);
            setStatus(nextStatus, p, nextByPort[p]);
        }

        Map<String, StoredEntry[]> names = new HashMap<>();
        Map<String, StoredEntry> keys = new HashMap<>();
        Map<Long, StoredEntry> ids = new HashMap<>();
        for (StoredEntry se : before) {
            String n = nameKey(se);
            if (n != null) {
                names.putIfAbsent(n, null);
            }
            keys.put(se.key(), null);
        }
        for (StoredEntry se : fresh) {
            String n = nameKey(se);
            if (n != null) {
                names.putIfAbsent(n, null);
            }
        }
        for (Map.Entry<String, StoredEntry[]> n : names.entrySet()) {
            StoredEntry[] was = byName.get(n.getKey());
            List<StoredEntry> now = new ArrayList<>();
            if (was != null) {
                for (StoredEntry se : was) {
                    if (!last.containsKey(se.id())) {
                        now.add(se);
                    }
                }
            }
            for (StoredEntry se : fresh) {
                if (n.getKey().equals(nameKey(se))) {
                    now.add(se);
                }
            }
            now.sort(FILE_ORDER);
            n.setValue(now.isEmpty() ? null : now.toArray(NONE));
        }
        for (Map.Entry<Long, StoredEntry> e : last.entrySet()) {
            ids.put(e.getKey(), e.getValue());
        }
        for (StoredEntry se : fresh) {
            keys.put(se.key(), se);
        }

        Map<String, Person> nextPeople = people;
        if (!writtenPeople.isEmpty()) {
            Map<String, Person> m = new HashMap<>(people);
            for (Person p : writtenPeople) {
                m.put(p.id(), p);
            }
            nextPeople = Map.copyOf(m);
        }
        return new RegistrySnapshot(
                header != null ? header : info,
                nextEntries,
                nextPeople,
                revision,
                changedAt,
                nextByPort,
                nextStatus,
                byName.with(names),
                byKey.with(keys),
                byId.with(ids));
    }

    /** The entries in file order, without the old versions of {@code last}, with {@code fresh}. */
    private StoredEntry[] merge(Map<Long, StoredEntry> last, int dropped, List<StoredEntry> fresh) {
        StoredEntry[] out = new StoredEntry[entries.length - dropped + fresh.size()];
        int n = 0;
        int j = 0;
        for (StoredEntry se : entries) {
            if (last.containsKey(se.id())) {
                continue;
            }
            while (j < fresh.size() && FILE_ORDER.compare(fresh.get(j), se) < 0) {
                out[n++] = fresh.get(j++);
            }
            out[n++] = se;
        }
        while (j < fresh.size()) {
            out[n++] = fresh.get(j++);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The entries covering port {@code p}: the old ones but those touched, and the fresh ones. */
    private static StoredEntry[] replaced(
            StoredEntry[] old, Map<Long, StoredEntry> last, List<StoredEntry> fresh, int p) {
        List<StoredEntry> now = new ArrayList<>(old.length + 1);
        for (StoredEntry se : old) {
            if (!last.containsKey(se.id())) {
                now.add(se);
            }
        }
        for (StoredEntry se : fresh) {
            if (se.entry().covers(p)) {
                now.add(se);
            }
        }
        if (now.isEmpty()) {
            return NONE;
        }
        now.sort(FILE_ORDER);
        return now.toArray(NONE);
    }

    private static void mark(java.util.BitSet ports, StoredEntry se) {
        Ports p = se.entry().ports();
        if (p != null) {
            ports.set(p.from(), p.to() + 1);
        }
    }

    private static String nameKey(StoredEntry se) {
        String n = se.entry().serviceName();
        return n == null ? null : ServiceNames.normalize(n);
    }

    /** The change set this registry shows: 0 before the first. */
    public long revision() {
        return revision;
    }

    /** When that change set was committed, or empty before the first. */
    public Optional<Instant> changedAt() {
        return Optional.ofNullable(changedAt);
    }

    /** The entry with this stable key, if any. */
    public Optional<StoredEntry> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The entry with this id, if any. */
    public Optional<StoredEntry> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The largest position in file order, or -1 when the registry is empty. */
    public int lastPosition() {
        return entries.length == 0 ? -1 : entries[entries.length - 1].position();
    }

    public static RegistrySnapshot empty() {
        return new RegistrySnapshot(null, List.of(), Map.of());
    }

    public boolean isEmpty() {
        return entries.length == 0;
    }

    /** The registry's header and source, or empty before the first import. */
    public Optional<RegistryInfo> info() {
        return Optional.ofNullable(info);
    }

    public List<StoredEntry> entries() {
        return entryList;
    }

    public Map<String, Person> people() {
        return people;
    }

    public Optional<Person> person(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(people.get(id));
    }

    public PortStatus status(int port, Transport transport) {
        return STATUSES[status[transport.ordinal()][port]];
    }

    /** Statuses of {@code port} on each of the given transports. */
    public Map<Transport, PortStatus> statuses(int port, Collection<Transport> transports) {
        Map<Transport, PortStatus> out = new EnumMap<>(Transport.class);
        for (Transport t : transports) {
            out.put(t, status(port, t));
        }
        return out;
    }

    /** True when {@code port} is Unassigned on every one of {@code transports}. */
    public boolean free(int port, Collection<Transport> transports) {
        for (Transport t : transports) {
            if (status[t.ordinal()][port] != PortStatus.UNASSIGNED.ordinal()) {
                return false;
            }
        }
        return true;
    }

    /** Entries whose port or range covers {@code port}, in file order. */
    public List<StoredEntry> entriesAt(int port) {
        return Collections.unmodifiableList(Arrays.asList(byPort[port]));
    }

    /** Entries with this service name, ignoring case. */
    public List<StoredEntry> byName(String name) {
        StoredEntry[] found = byName.get(ServiceNames.normalize(name));
        return found == null ? List.of() : Collections.unmodifiableList(Arrays.asList(found));
    }

    /** How many distinct service names (ignoring case) the registry holds. */
    public int nameCount() {
        return byName.size();
    }

    /**
     * The runs of ports in [from, to] that are Unassigned on every one of {@code transports}, in
     * port order. Computed from per-port status, since IANA splits one gap over several rows.
     */
    public List<Ports> gaps(int from, int to, Collection<Transport> transports) {
        List<Ports> out = new ArrayList<>();
        int start = -1;
        for (int p = from; p <= to; p++) {
            if (free(p, transports)) {
                if (start < 0) {
                    start = p;
                }
            } else if (start >= 0) {
                out.add(new Ports(start, p - 1));
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(new Ports(start, to));
        }
        return out;
    }

    /** The gap around {@code port} on {@code transports}, or empty when it is not free on them. */
    public Optional<Ports> gapAround(int port, Collection<Transport> transports) {
        if (transports.isEmpty() || !free(port, transports)) {
            return Optional.empty();
        }
        int lo = port;
        while (lo > 0 && free(lo - 1, transports)) {
            lo--;
        }
        int hi = port;
        while (hi < PortRange.MAX_PORT && free(hi + 1, transports)) {
            hi++;
        }
        return Optional.of(new Ports(lo, hi));
    }

    /**
     * Up to {@code count} ports free on every one of {@code transports}, nearest to {@code port}
     * first (the lower one first on a tie), in the same range as {@code port}. For a Dynamic port
     * the search covers the User range.
     */
    public List<Integer> nearestFree(int port, Collection<Transport> transports, int count) {
        PortRange range = PortRange.of(port);
        if (range == PortRange.DYNAMIC) {
            range = PortRange.USER;
            port = Math.min(port, range.to);
        }
        List<Integer> out = new ArrayList<>(count);
        for (int d = 1;
                out.size() < count && (port - d >= range.from || port + d <= range.to);
                d++) {
            if (port - d >= range.from && free(port - d, transports)) {
                out.add(port - d);
            }
            if (out.size() < count && port + d <= range.to && free(port + d, transports)) {
                out.add(port + d);
            }
        }
        return out;
    }

    /** How many ports of each range have each status, per transport. */
    public Map<PortRange, Map<Transport, Map<PortStatus, Integer>>> counts() {
        return counts;
    }

    private Map<PortRange, Map<Transport, Map<PortStatus, Integer>>> count() {
        Map<PortRange, Map<Transport, Map<PortStatus, Integer>>> out =
                new EnumMap<>(PortRange.class);
        for (PortRange r : PortRange.values()) {
            Map<Transport, Map<PortStatus, Integer>> perTransport = new EnumMap<>(Transport.class);
            for (Transport t : Transport.ALL) {
                int[] n = new int[STATUSES.length];
                byte[] row = status[t.ordinal()];
                for (int p = r.from; p <= r.to; p++) {
                    n[row[p]]++;
                }
                Map<PortStatus, Integer> m = new EnumMap<>(PortStatus.class);
                for (PortStatus s : STATUSES) {
                    m.put(s, n[s.ordinal()]);
                }
                perTransport.put(t, Map.copyOf(m));
            }
            out.put(r, perTransport);
        }
        return out;
    }
}
