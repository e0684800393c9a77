package dev.portreg.exchange;

import dev.portreg.registry.ChangeItem;
import dev.portreg.registry.Entry;
import dev.portreg.registry.Reconciliation;
import java.util.ArrayList;
import java.util.List;

/**
 * What importing a document would change, entry by entry, matched by their stable keys (see {@link
 * dev.portreg.registry.StoredEntry}): the items of its {@link Reconciliation} plan.
 *
 * @param seed true when the registry is empty, so the import would seed it
 * @param added entries the import adds (before is null)
 * @param changed entries whose fields it changes (before and after)
 * @param removed entries it removes (after is null)
 * @param moved entries that only change their place in file order
 * @param conflicts entries changed both here and in the file, kept unless taken
 */
public record RegistryDiff(
        boolean seed,
        List<Item> added,
        List<Item> changed,
        List<Item> removed,
        int moved,
        int conflicts) {

    public RegistryDiff {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** One entry's change. */
    public record Item(String key, Entry before, Entry after) {}

    static RegistryDiff of(Reconciliation.Result r) {
        List<Item> added = new ArrayList<>();
        List<Item> changed = new ArrayList<>();
        List<Item> removed = new ArrayList<>();
        for (ChangeItem i : r.plan().items()) {
            Item item = new Item(i.key(), i.before(), i.after());
            switch (i.action()) {
                case ADDED -> added.add(item);
                case CHANGED -> changed.add(item);
                case REMOVED -> removed.add(item);
            }
        }
        return new RegistryDiff(
                r.seed(), added, changed, removed, r.plan().moves().size(), r.conflicts().size());
    }

    /** True when importing would change no entry. */
    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
