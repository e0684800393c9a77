package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How an upstream file (IANA's) meets the registry: a pure three-way comparison of the last
 * upstream file imported (the base), the registry now (local) and the new file (upstream), entry by
 * entry by stable key.
 *
 * <ul>
 *   <li>upstream = base: IANA did not change the entry; whatever was done here stays.
 *   <li>local = base: nobody changed it here; IANA's version is taken (added, changed, removed).
 *   <li>local = upstream: both made the same change; nothing to write.
 *   <li>otherwise a conflict: the local version is kept unless the operator chose IANA's for that
 *       entry ({@code take}).
 * </ul>
 *
 * The base then becomes the new file, so a conflict kept once stays kept: the next import of the
 * same entry finds upstream = base.
 */
public final class Reconciliation {

    private Reconciliation() {}

    /** The file being imported. */
    public record Upstream(
            String sourceName,
            LocalDate registryDate,
            RegistryInfo header,
            List<Entry> entries,
            List<Person> people) {
        public Upstream {
            entries = List.copyOf(entries);
            people = List.copyOf(people);
        }
    }

    /**
     * An entry changed here since the last upstream file and changed differently by the new one.
     *
     * @param base what the last upstream file said (null: it did not have the entry)
     * @param local the registry's version (null: removed here)
     * @param upstream the new file's version (null: the file no longer has it)
     * @param taken true when the operator chose the file's version
     */
    public record Conflict(
            String key, Entry base, StoredEntry local, Entry upstream, boolean taken) {}

    /**
     * The outcome.
     *
     * @param plan what is written
     * @param seed true when the registry is empty, so the file seeds it
     * @param conflicts entries changed on both sides, in file order
     * @param upstreamChanges entries the file changes against the last upstream file
     * @param kept local changes the file leaves alone (the file did not touch them)
     */
    public record Result(
            ChangePlan plan,
            boolean seed,
            List<Conflict> conflicts,
            int upstreamChanges,
            int kept) {}

    /**
     * @param take keys of conflicting entries for which the file's version is taken
     * @param force true to import a file older than the last upstream file
     * @throws ProblemException 409 when the file is older than the last upstream file and {@code
     *     force} is false
     */
    public static Result plan(
            RegistrySnapshot registry,
            UpstreamBase base,
            Upstream file,
            Set<String> take,
            boolean force) {
        boolean seed = registry.isEmpty();
        if (!seed) {
            refuseOlder(base, file, force);
        }
        List<String> keys = EntryKeys.of(file.entries());
        Map<String, Integer> position = new HashMap<>(keys.size() * 2);
        Map<String, Entry> theirs = new LinkedHashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            theirs.put(keys.get(i), file.entries().get(i));
            position.put(keys.get(i), i);
        }
        Set<String> all = new LinkedHashSet<>(theirs.keySet());
        for (StoredEntry se : registry.entries()) {
            all.add(se.key());
        }
        all.addAll(base.entries().keySet());
        Merge m = new Merge(registry, base, theirs, position, take, seed);
        for (String key : all) {
            m.merge(key);
        }
        String summary = summary(seed, file, m.items, m.conflicts);
        ChangePlan plan =
                new ChangePlan(
                        seed ? ChangeKind.SEED : ChangeKind.IMPORT,
                        summary,
                        m.items,
                        m.moves,
                        people(registry, file),
                        new ChangePlan.Upstream(
                                file.sourceName(),
                                file.registryDate(),
                                file.header(),
                                m.baseChanges,
                                newVersion(registry, base, file),
                                m.kept > 0 || m.conflicts.stream().anyMatch(c -> !c.taken())));
        return new Result(plan, seed, List.copyOf(m.conflicts), m.upstreamChanges, m.kept);
    }

    /** The three-way merge of one file into the registry, one key at a time. */
    private static final class Merge {
        private final RegistrySnapshot registry;
        private final UpstreamBase base;
        private final Map<String, Entry> theirs;
        private final Map<String, Integer> position;
        private final Set<String> take;
        private final boolean seed;
        // What was done here holds ports: an entry the file brings onto them collides with it.
        private final List<Entry> heldHere = new ArrayList<>();
        private final List<String> heldHereKeys = new ArrayList<>();
        final List<ChangeItem> items = new ArrayList<>();
        final Map<Long, Integer> moves = new LinkedHashMap<>();
        final List<ChangePlan.BaseChange> baseChanges = new ArrayList<>();
        final List<Conflict> conflicts = new ArrayList<>();
        int upstreamChanges;
        int kept;

        Merge(
                RegistrySnapshot registry,
                UpstreamBase base,
                Map<String, Entry> theirs,
                Map<String, Integer> position,
                Set<String> take,
                boolean seed) {
            this.registry = registry;
            this.base = base;
            this.theirs = theirs;
            this.position = position;
            this.take = take;
            this.seed = seed;
            if (!seed) {
                for (StoredEntry se : registry.entries()) {
                    Entry be = base.entries().get(se.key());
                    if (RegistryWriter.held(se.entry()) && !se.entry().equals(be)) {
                        heldHere.add(se.entry());
                        heldHereKeys.add(se.key());
                    }
                }
            }
        }

        /** Merges the file's, the base's and the registry's versions of the entry {@code key}. */
        void merge(String key) {
            Entry t = theirs.get(key);
            Entry be = base.entries().get(key);
            StoredEntry l = registry.byKey(key).orElse(null);
            Entry le = l == null ? null : l.entry();
            boolean upstreamChanged = !Objects.equals(t, be);
            if (upstreamChanged) {
                upstreamChanges++;
                baseChanges.add(new ChangePlan.BaseChange(key, t));
            }
            boolean takeTheirs = takesTheirs(key, be, l, t, upstreamChanged);
            if (l != null && t != null && t.equals(le)) {
                if (l.position() != position.get(key)) {
                    moves.put(l.id(), position.get(key));
                }
            } else if (takeTheirs) {
                take(items, key, l, t, t == null ? 0 : position.get(key));
            }
        }

        /**
         * Whether the file's version of {@code key} is written; records a conflict or a kept local
         * change on the way.
         */
        private boolean takesTheirs(
                String key, Entry be, StoredEntry l, Entry t, boolean upstreamChanged) {
            Entry le = l == null ? null : l.entry();
            boolean takeTheirs;
            if (seed) {
                takeTheirs = true;
            } else if (upstreamChanged
                    && Objects.equals(le, be)
                    && !collides(t, key, heldHere, heldHereKeys)) {
                takeTheirs = true;
            } else if (upstreamChanged && Objects.equals(le, be)) {
                // the file puts an entry on ports assigned here since: decided per entry too
                takeTheirs = take.contains(key);
                conflicts.add(new Conflict(key, be, l, t, takeTheirs));
            } else if (!upstreamChanged || Objects.equals(le, t)) {
                takeTheirs = false;
                if (!Objects.equals(le, be)) {
                    kept++;
                }
            } else {
                takeTheirs = take.contains(key);
                conflicts.add(new Conflict(key, be, l, t, takeTheirs));
            }
            return takeTheirs;
        }
    }

    /** True when {@code e} would hold a port on a transport that work done here holds. */
    private static boolean collides(
            Entry e, String key, List<Entry> heldHere, List<String> heldHereKeys) {
        if (e == null || !RegistryWriter.held(e)) {
            return false;
        }
        for (int i = 0; i < heldHere.size(); i++) {
            Entry h = heldHere.get(i);
            if (heldHereKeys.get(i).equals(key) || !h.ports().overlaps(e.ports())) {
                continue;
            }
            for (Transport t : e.transports()) {
                if (h.covers(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void take(
            List<ChangeItem> items, String key, StoredEntry local, Entry theirs, int position) {
        if (theirs == null) {
            if (local != null) {
                items.add(ChangeItem.removed(local));
            }
        } else if (local == null) {
            items.add(ChangeItem.added(key, position, theirs));
        } else {
            items.add(ChangeItem.changed(local, key, position, theirs));
        }
    }

    /** True when the file is not the version last imported: another date or another header. */
    private static boolean newVersion(RegistrySnapshot registry, UpstreamBase base, Upstream file) {
        if (base.revision() == 0 || !Objects.equals(base.registryDate(), file.registryDate())) {
            return true;
        }
        RegistryInfo now = registry.info().orElse(null);
        RegistryInfo h = file.header();
        return now == null
                || h == null
                || !Objects.equals(now.title(), h.title())
                || !Objects.equals(now.category(), h.category())
                || !Objects.equals(now.expert(), h.expert())
                || !now.notes().equals(h.notes())
                || !now.footnotes().equals(h.footnotes())
                || now.format() != h.format()
                || now.partial() != h.partial();
    }

    /** A file older than the last upstream one is refused unless the operator means it. */
    static void refuseOlder(UpstreamBase base, Upstream file, boolean force) {
        if (force
                || base.registryDate() == null
                || file.registryDate() == null
                || !file.registryDate().isBefore(base.registryDate())) {
            return;
        }
        throw new ProblemException(
                409,
                "Older than the registry's upstream",
                String.format(
                        Locale.ROOT,
                        "%s is IANA's registry of %s, older than the last upstream version"
                                + " imported (%s, of %s): importing it would undo %s's changes."
                                + " Import it anyway with force.",
                        file.sourceName(),
                        file.registryDate(),
                        base.sourceName(),
                        base.registryDate(),
                        base.registryDate()),
                List.of());
    }

    /**
     * People an IANA XML file lists that differ from the registry's, and ids any file names that
     * nobody has yet (as id-only people). Only the XML lists people: a CSV's or /etc/services' mere
     * mention of an id never blanks a known person.
     */
    private static List<Person> people(RegistrySnapshot registry, Upstream file) {
        Map<String, Person> out = new LinkedHashMap<>();
        boolean listsPeople =
                file.header() != null
                        && file.header().format() == RegistryInfo.SourceFormat.IANA_XML;
        Set<String> named = new HashSet<>();
        for (Entry e : file.entries()) {
            named.addAll(RegistryWriter.personIds(e));
        }
        if (listsPeople) {
            for (Person p : file.people()) {
                if (!p.equals(registry.people().get(p.id()))) {
                    out.putIfAbsent(p.id(), p);
                }
                named.remove(p.id());
            }
        }
        for (String id : sorted(named)) {
            if (!registry.people().containsKey(id)) {
                out.putIfAbsent(id, Person.idOnly(id));
            }
        }
        return List.copyOf(out.values());
    }

    private static List<String> sorted(Collection<String> ids) {
        List<String> out = new ArrayList<>(ids);
        out.sort(null);
        return out;
    }

    private static String summary(
            boolean seed, Upstream file, List<ChangeItem> items, List<Conflict> conflicts) {
        String what =
                file.sourceName()
                        + " ("
                        + (file.header() == null ? "" : file.header().format().label)
                        + (file.registryDate() == null ? "" : " of " + file.registryDate())
                        + ")";
        if (seed) {
            return String.format(Locale.ROOT, "Seeded from %s: %d entries", what, items.size());
        }
        int added = 0, changed = 0, removed = 0;
        for (ChangeItem i : items) {
            switch (i.action()) {
                case ADDED -> added++;
                case CHANGED -> changed++;
                case REMOVED -> removed++;
            }
        }
        long keptConflicts = conflicts.stream().filter(c -> !c.taken()).count();
        return String.format(
                        Locale.ROOT,
                        "Imported %s: %d added, %d changed, %d removed",
                        what,
                        added,
                        changed,
                        removed)
                + (keptConflicts == 0
                        ? ""
                        : String.format(Locale.ROOT, "; %d local changes kept", keptConflicts));
    }
}
