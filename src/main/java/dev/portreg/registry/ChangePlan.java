package dev.portreg.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a change would write, computed by a pure plan function from the registry as it is ({@link
 * RegistryPlans} for local changes, {@link Reconciliation} for upstream files) and written, all or
 * nothing, by {@link RegistryChanges}. The draft preview a requester sees and the registry action
 * are this same plan.
 *
 * @param summary one line for the history ("Request #5 (new assignment): 938/tcp frob (assigned)")
 * @param items the entries added (id 0 until written), changed and removed, in the order written
 * @param moves entries that only change their place in file order: id → new position
 * @param people people to insert or update, with their final ids
 * @param upstream for seeds and imports: the file and what the upstream base becomes; else null
 */
public record ChangePlan(
        ChangeKind kind,
        String summary,
        List<ChangeItem> items,
        Map<Long, Integer> moves,
        List<Person> people,
        Upstream upstream) {

    public ChangePlan {
        items = List.copyOf(items);
        moves = Map.copyOf(moves);
        people = List.copyOf(people);
    }

    /**
     * The upstream side of an import.
     *
     * @param sourceName the file's name ("service-names-port-numbers.xml")
     * @param registryDate the file's own registry date: its {@code <updated>}, or the date the
     *     operator gave (a CSV has none)
     * @param header the registry header the file brings (title, notes, experts, Last Updated)
     * @param base the entries of the upstream base that change: the file's version, or null for an
     *     entry the file no longer has
     * @param newVersion true when the file is another version than the last upstream one (another
     *     registry date or header), so importing it is recorded even if no entry changes
     * @param keepsLocal true when local changes stay that the file does not have (the registry's
     *     Last Updated then does not go back to the file's date)
     */
    public record Upstream(
            String sourceName,
            LocalDate registryDate,
            RegistryInfo header,
            List<BaseChange> base,
            boolean newVersion,
            boolean keepsLocal) {
        public Upstream {
            base = List.copyOf(base);
        }
    }

    /** One entry of the upstream base as the new file has it; entry null when it is gone. */
    public record BaseChange(String key, Entry entry) {}

    /** True when writing this plan would change nothing at all. */
    public boolean isEmpty() {
        return items.isEmpty()
                && moves.isEmpty()
                && people.isEmpty()
                && (upstream == null || (upstream.base().isEmpty() && !upstream.newVersion()));
    }

    public int count(ChangeItem.Action action) {
        int n = 0;
        for (ChangeItem i : items) {
            if (i.action() == action) {
                n++;
            }
        }
        return n;
    }

    /** The same plan with another summary. */
    public ChangePlan withSummary(String summary) {
        return new ChangePlan(kind, summary, items, moves, people, upstream);
    }

    /** One line per item: "938/tcp frob (assigned)", "916-937 Unassigned (unassigned)". */
    public List<String> lines() {
        List<String> out = new ArrayList<>(items.size());
        for (ChangeItem i : items) {
            if (i.action() != ChangeItem.Action.REMOVED) {
                out.add(line(i.after()));
            }
        }
        return out;
    }

    /** An entry as one line of a change: "938/tcp frob (assigned)". */
    public static String line(Entry e) {
        String where = e.ports() == null ? "(no port)" : e.ports().toString();
        String t = e.transport() == null ? "" : "/" + e.transport().slug();
        return where
                + t
                + " "
                + (e.serviceName() == null ? e.description() : e.serviceName())
                + " ("
                + e.status().label.toLowerCase(Locale.ROOT)
                + ")";
    }
}
