package dev.portreg.registry;

/**
 * One entry added, changed or removed by a change set.
 *
 * @param entryId the entry's id, stable for its whole life; 0 for an entry a plan adds, until the
 *     change is written
 * @param key the entry's stable key after the change (before it, when removed)
 * @param position the entry's place in file order after the change (before it, when removed)
 * @param before null when added
 * @param after null when removed
 */
public record ChangeItem(
        Action action, long entryId, String key, int position, Entry before, Entry after) {

    /** What happened to the entry. */
    public enum Action {
        ADDED("added"),
        CHANGED("changed"),
        REMOVED("removed");

        public final String slug;

        Action(String slug) {
            this.slug = slug;
        }

        public static Action ofSlug(String slug) {
            return switch (slug) {
                case "added" -> ADDED;
                case "changed" -> CHANGED;
                case "removed" -> REMOVED;
                default -> throw new IllegalArgumentException("unknown item action " + slug);
            };
        }
    }

    public ChangeItem {
        if ((action == Action.ADDED) != (before == null)
                || (action == Action.REMOVED) != (after == null)) {
            throw new IllegalArgumentException(
                    action + " item with before " + before + " after " + after);
        }
    }

    public static ChangeItem added(String key, int position, Entry after) {
        return new ChangeItem(Action.ADDED, 0, key, position, null, after);
    }

    public static ChangeItem changed(StoredEntry old, String key, int position, Entry after) {
        return new ChangeItem(Action.CHANGED, old.id(), key, position, old.entry(), after);
    }

    public static ChangeItem removed(StoredEntry old) {
        return new ChangeItem(
                Action.REMOVED, old.id(), old.key(), old.position(), old.entry(), null);
    }

    /** The entry as the item leaves it, or as it was when removed. */
    public Entry shown() {
        return after != null ? after : before;
    }

    /** The same item about the entry with this id (a new entry's id, once it is written). */
    public ChangeItem withId(long id) {
        return new ChangeItem(action, id, key, position, before, after);
    }

    /** The entry as stored after the change; null when removed. */
    public StoredEntry stored() {
        return after == null ? null : new StoredEntry(entryId, key, position, after);
    }
}
