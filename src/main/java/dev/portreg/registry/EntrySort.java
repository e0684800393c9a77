package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * An order of the registry browser and of {@code GET /api/v1/entries}: a column, ascending or
 * descending ({@code "service"}, {@code "-service"}). Entries without a value for the column (a
 * name-only entry has no port, a reserved run no name) come last either way; ties keep IANA's
 * order. The default, {@code port}, is IANA's own order.
 */
public record EntrySort(Column column, boolean descending) {

    public static final EntrySort IANA_ORDER = new EntrySort(Column.PORT, false);

    /** The columns that can be sorted, by their name in the address. */
    public enum Column {
        PORT("port", "Port"),
        TRANSPORT("transport", "Transport"),
        STATUS("status", "Status"),
        SERVICE("service", "Service"),
        DESCRIPTION("description", "Description"),
        ASSIGNEE("assignee", "Assignee"),
        DATE("date", "Last change");

        public final String slug;
        public final String label;

        Column(String slug, String label) {
            this.slug = slug;
            this.label = label;
        }

        static Optional<Column> ofSlug(String slug) {
            for (Column c : values()) {
                if (c.slug.equals(slug)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** Parses {@code column} or {@code -column}; blank is IANA's order; anything else a 400. */
    public static EntrySort parse(String text) {
        if (text == null || text.isBlank()) {
            return IANA_ORDER;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        boolean desc = t.startsWith("-");
        String slug = desc ? t.substring(1) : t;
        return Column.ofSlug(slug)
                .map(c -> new EntrySort(c, desc))
                .orElseThrow(
                        () ->
                                ProblemException.badInput(
                                        "sort",
                                        "unknown column \""
                                                + slug
                                                + "\"; use port, transport, status, service,"
                                                + " description, assignee or date, with a leading"
                                                + " - for descending order"));
    }

    /** How this order is written in an address: null for IANA's order. */
    public String text() {
        return equals(IANA_ORDER) ? null : (descending ? "-" : "") + column.slug;
    }

    /** The order after a click on {@code c}'s heading: ascending first, then reversed. */
    public EntrySort toggled(Column c) {
        return c == column ? new EntrySort(c, !descending) : new EntrySort(c, false);
    }

    /** The comparator over a snapshot's entries (IANA's order breaks ties). */
    public Comparator<StoredEntry> comparator(RegistrySnapshot s) {
        Comparator<StoredEntry> byValue =
                switch (column) {
                    case PORT ->
                            by(se -> se.entry().ports() == null ? null : se.entry().ports().from());
                    case TRANSPORT -> by(se -> transport(se.entry()));
                    case STATUS -> by(se -> se.entry().status().ordinal());
                    case SERVICE -> by(se -> lower(se.entry().serviceName()));
                    case DESCRIPTION -> by(se -> lower(se.entry().description()));
                    case ASSIGNEE -> by(se -> assignee(s, se.entry().assigneeId()));
                    case DATE -> by(se -> lastChange(se.entry()));
                };
        return byValue.thenComparingInt(StoredEntry::position);
    }

    private <T extends Comparable<T>> Comparator<StoredEntry> by(Function<StoredEntry, T> key) {
        Comparator<T> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(key, Comparator.nullsLast(values));
    }

    /** An entry of every transport (a reserved run) sorts after the single ones. */
    private static Integer transport(Entry e) {
        return e.transport() == null ? null : e.transport().ordinal();
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String assignee(RegistrySnapshot s, String id) {
        return id == null ? null : lower(s.person(id).map(Person::displayName).orElse(id));
    }

    /** The entry's modification date, else its registration date (IANA's text, ISO order). */
    private static String lastChange(Entry e) {
        return e.modified() != null ? e.modified() : e.registered();
    }
}
