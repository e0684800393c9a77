package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import java.util.List;

/**
 * What importing a document would change, entry by entry, matched by their stable keys (see {@link
 * dev.portreg.registry.StoredEntry}).
 *
 * @param seed true when the registry is empty, so the import would seed it
 * @param entries how many entries the document holds
 * @param added entries the document has and the registry does not (before is null)
 * @param changed entries whose fields differ (before and after)
 * @param removed entries the registry has and the document does not (after is null)
 * @param moved entries that only change their place in file order
 */
public record RegistryDiff(
        boolean seed,
        int entries,
        List<Item> added,
        List<Item> changed,
        List<Item> removed,
        int moved) {

    public RegistryDiff {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** One entry's change. */
    public record Item(String key, Entry before, Entry after) {}

    /** True when importing would change no entry. */
    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
