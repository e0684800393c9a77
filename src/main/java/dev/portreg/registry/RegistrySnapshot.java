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
 * An immutable, indexed view of the whole registry, rebuilt after every change. Every read of the
 * registry (port status, gaps, names, statistics) is answered from memory.
 */
public final class RegistrySnapshot {

    /** Ports above this are Dynamic and never listed. */
    static final int LISTED_MAX = PortRange.USER.to;

    private static final PortStatus[] STATUSES = PortStatus.values();

    private final RegistryInfo info;
    private final List<StoredEntry> entries;
    private final Map<String, Person> people;

    /** The change set this snapshot shows (0 for an empty registry with no history). */
    private final long revision;

    /** When that change set was committed, or null before the first one. */
    private final Instant changedAt;

    private final Map<String, StoredEntry> byKey;

    /** [transport][port] → PortStatus ordinal. */
    private final byte[][] status;

    /** Entries covering each port (CSR layout): indexes into {@link #entries}. */
    private final int[] portStart;

    private final int[] portEntries;

    private final Map<String, List<StoredEntry>> byName;
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
        this.entries = List.copyOf(entries);
        this.people = Map.copyOf(people);
        this.revision = revision;
        this.changedAt = changedAt;
        Map<String, StoredEntry> keys = new HashMap<>(this.entries.size() * 2);
        this.status = new byte[Transport.ALL.size()][PortRange.MAX_PORT + 1];
        for (byte[] row : status) {
            Arrays.fill(row, (byte) PortStatus.UNLISTED.ordinal());
        }
        int[] perPort = new int[PortRange.MAX_PORT + 2];
        Map<String, List<StoredEntry>> names = new HashMap<>();
        for (StoredEntry se : this.entries) {
            keys.put(se.key(), se);
            Entry e = se.entry();
            if (e.serviceName() != null) {
                names.computeIfAbsent(
                                ServiceNames.normalize(e.serviceName()), k -> new ArrayList<>(2))
                        .add(se);
            }
            if (e.ports() == null) {
                continue;
            }
            byte s = (byte) e.status().ordinal();
            for (Transport t : e.transports()) {
                byte[] row = status[t.ordinal()];
                for (int p = e.ports().from(); p <= e.ports().to(); p++) {
                    if (s < row[p]) {
                        row[p] = s;
                    }
                }
            }
            for (int p = e.ports().from(); p <= e.ports().to(); p++) {
                perPort[p + 1]++;
            }
        }
        for (int p = 1; p < perPort.length; p++) {
            perPort[p] += perPort[p - 1];
        }
        this.portStart = perPort;
        this.portEntries = new int[perPort[perPort.length - 1]];
        int[] fill = Arrays.copyOf(perPort, perPort.length);
        for (int i = 0; i < this.entries.size(); i++) {
            Ports ports = this.entries.get(i).entry().ports();
            if (ports != null) {
                for (int p = ports.from(); p <= ports.to(); p++) {
                    portEntries[fill[p]++] = i;
                }
            }
        }
        names.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Map.copyOf(names);
        this.byKey = Collections.unmodifiableMap(keys);
        this.counts = count();
    }

    /**
     * This registry with change sets applied in order: entries added, changed (also in their
     * position) and removed by id, people written replaced, the header replaced when given.
     *
     * @param header the registry header after the changes, or null to keep this one's
     */
    public RegistrySnapshot with(
            List<ChangeItem> items,
            Collection<Person> writtenPeople,
            RegistryInfo header,
            long revision,
            Instant changedAt) {
        Map<Long, StoredEntry> byId = new LinkedHashMap<>(entries.size() * 2);
        for (StoredEntry se : entries) {
            byId.put(se.id(), se);
        }
        for (ChangeItem i : items) {
            if (i.action() == ChangeItem.Action.REMOVED) {
                byId.remove(i.entryId());
            } else {
                byId.put(i.entryId(), i.stored());
            }
        }
        List<StoredEntry> next = new ArrayList<>(byId.values());
        next.sort(FILE_ORDER);
        Map<String, Person> nextPeople = people;
        if (!writtenPeople.isEmpty()) {
            nextPeople = new HashMap<>(people);
            for (Person p : writtenPeople) {
                nextPeople.put(p.id(), p);
            }
        }
        return new RegistrySnapshot(
                header != null ? header : info, next, nextPeople, revision, changedAt);
    }

    /** File order: by position, then by id (the order the database reads them in). */
    public static final Comparator<StoredEntry> FILE_ORDER =
            Comparator.comparingInt(StoredEntry::position).thenComparingLong(StoredEntry::id);

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

    public static RegistrySnapshot empty() {
        return new RegistrySnapshot(null, List.of(), Map.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The registry's header and source, or empty before the first import. */
    public Optional<RegistryInfo> info() {
        return Optional.ofNullable(info);
    }

    public List<StoredEntry> entries() {
        return entries;
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
        List<StoredEntry> out = new ArrayList<>(portStart[port + 1] - portStart[port]);
        for (int i = portStart[port]; i < portStart[port + 1]; i++) {
            out.add(entries.get(portEntries[i]));
        }
        return out;
    }

    /** Entries with this service name, ignoring case. */
    public List<StoredEntry> byName(String name) {
        return byName.getOrDefault(ServiceNames.normalize(name), List.of());
    }

    /** Every distinct service name (lower case). */
    public java.util.Set<String> names() {
        return byName.keySet();
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
