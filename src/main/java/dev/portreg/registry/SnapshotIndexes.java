package dev.portreg.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of a {@link RegistrySnapshot} and its indexes: by port, per-transport status, by
 * name, key and id. Built once from every entry ({@link #of}), or from the indexes before and a
 * change set ({@link #with}), which recomputes only the ports, names and keys the items touch and
 * shares the rest (the arrays are never written to once built).
 */
final class SnapshotIndexes {

    static final StoredEntry[] NONE = new StoredEntry[0];

    /** Every entry, in file order. */
    final StoredEntry[] entries;

    /** [port] → the entries covering it, in file order (shared arrays: never written to). */
    final StoredEntry[][] byPort;

    /** [transport][port] → PortStatus ordinal. */
    final byte[][] status;

    final Layered<String, StoredEntry[]> byName;
    final Layered<String, StoredEntry> byKey;
    final Layered<Long, StoredEntry> byId;

    private SnapshotIndexes(
            StoredEntry[] entries,
            StoredEntry[][] byPort,
            byte[][] status,
            Layered<String, StoredEntry[]> byName,
            Layered<String, StoredEntry> byKey,
            Layered<Long, StoredEntry> byId) {
        this.entries = entries;
        this.byPort = byPort;
        this.status = status;
        this.byName = byName;
        this.byKey = byKey;
        this.byId = byId;
    }

    /** The indexes of {@code entries}, which are in file order. */
    static SnapshotIndexes of(List<StoredEntry> entryList) {
        StoredEntry[] entries = entryList.toArray(NONE);
        Map<String, List<StoredEntry>> names = new HashMap<>();
        Map<String, StoredEntry> keys = new HashMap<>(entries.length * 2);
        Map<Long, StoredEntry> ids = new HashMap<>(entries.length * 2);
        for (StoredEntry se : entries) {
            keys.put(se.key(), se);
            ids.put(se.id(), se);
            String n = nameKey(se);
            if (n != null) {
                names.computeIfAbsent(n, k -> new ArrayList<>(2)).add(se);
            }
        }
        StoredEntry[][] byPort = byPort(entries);
        byte[][] status = new byte[Transport.ALL.size()][PortRange.MAX_PORT + 1];
        for (int p = 0; p <= PortRange.MAX_PORT; p++) {
            setStatus(status, p, byPort[p]);
        }
        Map<String, StoredEntry[]> nameArrays = new HashMap<>(names.size() * 2);
        names.forEach((k, v) -> nameArrays.put(k, v.toArray(NONE)));
        return new SnapshotIndexes(
                entries, byPort, status, Layered.of(nameArrays), Layered.of(keys), Layered.of(ids));
    }

    /** [port] → the entries covering it, in file order: counted first, then filled. */
    private static StoredEntry[][] byPort(StoredEntry[] entries) {
        int[] perPort = new int[PortRange.MAX_PORT + 1];
        for (StoredEntry se : entries) {
            Ports ports = se.entry().ports();
            if (ports != null) {
                for (int p = ports.from(); p <= ports.to(); p++) {
                    perPort[p]++;
                }
            }
        }
        StoredEntry[][] byPort = new StoredEntry[PortRange.MAX_PORT + 1][];
        for (int p = 0; p < perPort.length; p++) {
            byPort[p] = perPort[p] == 0 ? NONE : new StoredEntry[perPort[p]];
            perPort[p] = 0;
        }
        for (StoredEntry se : entries) {
            Ports ports = se.entry().ports();
            if (ports != null) {
                for (int p = ports.from(); p <= ports.to(); p++) {
                    byPort[p][perPort[p]++] = se;
                }
            }
        }
        return byPort;
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
     * These indexes with {@code items} applied in order: entries added, changed (also in their
     * position) and removed by id. Only what the items touch is recomputed.
     */
    SnapshotIndexes with(List<ChangeItem> items) {
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
        fresh.sort(RegistrySnapshot.FILE_ORDER);
        StoredEntry[] nextEntries = merge(last, before.size(), fresh);
        StoredEntry[][] nextByPort = byPort.clone();
        byte[][] nextStatus = new byte[status.length][];
        for (int t = 0; t < status.length; t++) {
            nextStatus[t] = status[t].clone();
        }
        BitSet ports = new BitSet(PortRange.MAX_PORT + 1);
        before.forEach(se -> mark(ports, se));
        fresh.forEach(se -> mark(ports, se));
        for (int p = ports.nextSetBit(0); p >= 0; p = ports.nextSetBit(p + 1)) {
            nextByPort[p] = replaced(byPort[p], last, fresh, p);
            setStatus(nextStatus, p, nextByPort[p]);
        }
        Map<String, StoredEntry> keys = new HashMap<>();
        for (StoredEntry se : before) {
            keys.put(se.key(), null);
        }
        for (StoredEntry se : fresh) {
            keys.put(se.key(), se);
        }
        return new SnapshotIndexes(
                nextEntries,
                nextByPort,
                nextStatus,
                byName.with(names(last, before, fresh)),
                byKey.with(keys),
                byId.with(new HashMap<>(last)));
    }

    /**
     * The new value of every name {@code before} or {@code fresh} holds: the entries of that name
     * the items did not touch and the fresh ones, in file order; null when none is left.
     */
    private Map<String, StoredEntry[]> names(
            Map<Long, StoredEntry> last, List<StoredEntry> before, List<StoredEntry> fresh) {
        Map<String, StoredEntry[]> names = new HashMap<>();
        for (StoredEntry se : before) {
            String n = nameKey(se);
            if (n != null) {
                names.putIfAbsent(n, null);
            }
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
            now.sort(RegistrySnapshot.FILE_ORDER);
            n.setValue(now.isEmpty() ? null : now.toArray(NONE));
        }
        return names;
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
            while (j < fresh.size() && RegistrySnapshot.FILE_ORDER.compare(fresh.get(j), se) < 0) {
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
        now.sort(RegistrySnapshot.FILE_ORDER);
        return now.toArray(NONE);
    }

    private static void mark(BitSet ports, StoredEntry se) {
        Ports p = se.entry().ports();
        if (p != null) {
            ports.set(p.from(), p.to() + 1);
        }
    }

    private static String nameKey(StoredEntry se) {
        String n = se.entry().serviceName();
        return n == null ? null : ServiceNames.normalize(n);
    }
}
