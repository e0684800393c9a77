package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Finding entries by text and filtering them by range, status and transport, for {@link
 * RegistryQueries#search} and {@link RegistryQueries#entries}.
 */
final class EntrySearch {

    private EntrySearch() {}

    /** The entries whose name is the text, then those whose name starts with it, then the rest. */
    static List<StoredEntry> ranked(RegistrySnapshot s, String q) {
        String needle = q.toLowerCase(Locale.ROOT);
        List<StoredEntry> exact = new ArrayList<>();
        List<StoredEntry> prefix = new ArrayList<>();
        List<StoredEntry> other = new ArrayList<>();
        Predicate<StoredEntry> matches = matcher(s, needle);
        for (StoredEntry se : s.entries()) {
            String name = se.entry().serviceName();
            String lname = name == null ? "" : name.toLowerCase(Locale.ROOT);
            if (lname.equals(needle)) {
                exact.add(se);
            } else if (!lname.isEmpty() && lname.startsWith(needle)) {
                prefix.add(se);
            } else if (matches.test(se)) {
                other.add(se);
            }
        }
        exact.addAll(prefix);
        exact.addAll(other);
        return exact;
    }

    /** Matches a lower-case needle against name, description, people and references. */
    static Predicate<StoredEntry> matcher(RegistrySnapshot s, String needle) {
        return se -> {
            Entry e = se.entry();
            if (contains(e.serviceName(), needle) || contains(e.description(), needle)) {
                return true;
            }
            for (String id : new String[] {e.assigneeId(), e.contactId()}) {
                if (id != null) {
                    if (contains(id, needle)) {
                        return true;
                    }
                    Person p = s.people().get(id);
                    if (p != null
                            && (contains(p.name(), needle)
                                    || contains(p.org(), needle)
                                    || contains(p.email(), needle))) {
                        return true;
                    }
                }
            }
            for (Reference r : e.references()) {
                if (contains(r.data(), needle)
                        || contains(r.text(), needle)
                        || contains(r.label(), needle)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** The filters of an entry listing; a null filter lets every entry through. */
    record Filter(
            PortRange range, PortStatus status, Transport transport, Predicate<StoredEntry> text) {

        /**
         * The filters from query text.
         *
         * @throws ProblemException 400 naming the field of an unknown range, status or transport
         */
        static Filter parse(
                RegistrySnapshot s,
                String rangeText,
                String statusText,
                String transportText,
                String query) {
            PortRange range = range(rangeText);
            PortStatus status = status(statusText);
            Transport transport =
                    blank(transportText)
                            ? null
                            : RegistryQueries.parseTransports(
                                            "transport", List.of(transportText), List.of())
                                    .get(0);
            Predicate<StoredEntry> text =
                    blank(query) ? se -> true : matcher(s, query.trim().toLowerCase(Locale.ROOT));
            return new Filter(range, status, transport, text);
        }

        private static PortRange range(String rangeText) {
            return blank(rangeText)
                    ? null
                    : PortRange.parse(rangeText)
                            .orElseThrow(
                                    () ->
                                            ProblemException.badInput(
                                                    "range",
                                                    "unknown range \""
                                                            + rangeText
                                                            + "\"; use system, user or dynamic"));
        }

        private static PortStatus status(String statusText) {
            return blank(statusText)
                    ? null
                    : PortStatus.parse(statusText)
                            .filter(st -> st != PortStatus.UNLISTED)
                            .orElseThrow(
                                    () ->
                                            ProblemException.badInput(
                                                    "status",
                                                    "unknown status \""
                                                            + statusText
                                                            + "\"; use assigned, reserved,"
                                                            + " unassigned or other"));
        }

        /** The entries that pass every filter, in the order given. */
        List<StoredEntry> select(List<StoredEntry> entries) {
            List<StoredEntry> matching = new ArrayList<>();
            for (StoredEntry se : entries) {
                if (passes(se)) {
                    matching.add(se);
                }
            }
            return matching;
        }

        private boolean passes(StoredEntry se) {
            Entry e = se.entry();
            if (range != null
                    && (e.ports() == null
                            || !e.ports().overlaps(new Ports(range.from, range.to)))) {
                return false;
            }
            if (status != null && e.status() != status) {
                return false;
            }
            if (transport != null && !e.covers(transport)) {
                return false;
            }
            return text.test(se);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
