package dev.portreg.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stable key of an entry across imports (see {@link StoredEntry}): lower-case name, ports and
 * transport, plus "#n" for the n-th repeat of the same triple in file order.
 */
public final class EntryKeys {

    private EntryKeys() {}

    /** The key of the first entry with this name, ports and transport: "http/80/tcp". */
    public static String base(Entry e) {
        return (e.serviceName() == null ? "" : e.serviceName().toLowerCase(Locale.ROOT))
                + "/"
                + (e.ports() == null ? "" : e.ports().toString())
                + "/"
                + (e.transport() == null ? "" : e.transport().slug());
    }

    /** The key of the n-th (1-based) entry with this base key. */
    public static String repeat(String base, int n) {
        return n <= 1 ? base : base + "#" + n;
    }

    /** The keys of entries in file order: repeats of a triple get "#2", "#3", ... */
    public static List<String> of(List<Entry> entries) {
        Map<String, Integer> seen = new HashMap<>(entries.size() * 2);
        List<String> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            String base = base(e);
            out.add(repeat(base, seen.merge(base, 1, Integer::sum)));
        }
        return out;
    }
}
