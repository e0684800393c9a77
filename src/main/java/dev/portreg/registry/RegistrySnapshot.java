package dev.portreg.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, indexed view of the whole registry at one revision of its change log. Every read of
 * the registry (port status, gaps, names, statistics) is answered from memory.
 *
 * <p>The indexes are {@link SnapshotIndexes}'. A change set is applied by {@link #with}: only the
 * ports, names and keys it touches are recomputed, and the rest is shared with the snapshot before
 * it, so a registry action costs about the same on IANA's 14,500 entries as on a registry 18 times
 * larger.
 */
public final class RegistrySnapshot {

    /** Ports above this are Dynamic and never listed. */
    static final int LISTED_MAX = PortRange.USER.to;

    private static final PortStatus[] STATUSES = PortStatus.values();

    /** File order: by position, then by id (the order the database reads them in). */
    public static final Comparator<StoredEntry> FILE_ORDER =
            Comparator.comparingInt(StoredEntry::position).thenComparingLong(StoredEntry::id);

    private final RegistryInfo info;
    private final Map<String, Person> people;

    /** The change set this snapshot shows (0 for an empty registry with no history). */
    private final long revision;

    /** When that change set was committed, or null before the first one. */
    private final Instant changedAt;

    /** The entries, in file order, and their indexes. */
    private final SnapshotIndexes index;

    private final List<StoredEntry> entryList;

    /** [transport][port] → PortStatus ordinal (the index's). */
    private final byte[][] status;

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
        this(info, Map.copyOf(people), revision, changedAt, SnapshotIndexes.of(entries));
    }

    private RegistrySnapshot(
            RegistryInfo info,
            Map<String, Person> people,
            long revision,
            Instant changedAt,
            SnapshotIndexes index) {
        this.info = info;
        this.people = people;
        this.revision = revision;
        this.changedAt = changedAt;
        this.index = index;
        this.entryList = Collections.unmodifiableList(Arrays.asList(index.entries));
        this.status = index.status;
        this.counts = count();
    }

    /**
     * This registry with change sets applied in order: entries added, changed (also in their
     * position) and removed by id, people written replaced, the header replaced when given. Only
     * what the items touch is recomputed ({@link SnapshotIndexes#with}).
     *
     * @param header the registry header after the changes, or null to keep this one's
     */
    public RegistrySnapshot with(
            List<ChangeItem> items,
            Collection<Person> writtenPeople,
            RegistryInfo header,
            long revision,
            Instant changedAt) {
        Map<String, Person> nextPeople = people;
        if (!writtenPeople.isEmpty()) {
            Map<String, Person> m = new HashMap<>(people);
            for (Person p : writtenPeople) {
                m.put(p.id(), p);
            }
            nextPeople = Map.copyOf(m);
        }
        return new RegistrySnapshot(
                header != null ? header : info, nextPeople, revision, changedAt, index.with(items));
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
        return Optional.ofNullable(index.byKey.get(key));
    }

    /** The entry with this id, if any. */
    public Optional<StoredEntry> byId(long id) {
        return Optional.ofNullable(index.byId.get(id));
    }

    /** The largest position in file order, or -1 when the registry is empty. */
    public int lastPosition() {
        StoredEntry[] entries = index.entries;
        return entries.length == 0 ? -1 : entries[entries.length - 1].position();
    }

    public static RegistrySnapshot empty() {
        return new RegistrySnapshot(null, List.of(), Map.of());
    }

    public boolean isEmpty() {
        return index.entries.length == 0;
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
        return Collections.unmodifiableList(Arrays.asList(index.byPort[port]));
    }

    /** Entries with this service name, ignoring case. */
    public List<StoredEntry> byName(String name) {
        StoredEntry[] found = index.byName.get(ServiceNames.normalize(name));
        return found == null ? List.of() : Collections.unmodifiableList(Arrays.asList(found));
    }

    /** How many distinct service names (ignoring case) the registry holds. */
    public int nameCount() {
        return index.byName.size();
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
