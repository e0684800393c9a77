package dev.portreg.registry;

import dev.portreg.registry.HistoryViews.FieldDiff;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which fields of an entry differ between two versions, in the JSON shape of {@link EntryJson}: the
 * history's "changed" items and an import preview both list them, old → new, as text.
 */
public final class FieldDiffs {

    /** Labels for the fields of {@link EntryJson}, in its order. */
    private static final Map<String, String> LABELS =
            Map.ofEntries(
                    Map.entry("name", "Service name"),
                    Map.entry("portFrom", "Port (from)"),
                    Map.entry("portTo", "Port (to)"),
                    Map.entry("transport", "Transport"),
                    Map.entry("status", "Status"),
                    Map.entry("description", "Description"),
                    Map.entry("assignee", "Assignee"),
                    Map.entry("contact", "Contact"),
                    Map.entry("registered", "Registration date"),
                    Map.entry("modified", "Modification date"),
                    Map.entry("references", "References"),
                    Map.entry("serviceCode", "Service code"),
                    Map.entry("unauthorized", "Unauthorized use reported"),
                    Map.entry("notes", "Assignment notes"));

    private FieldDiffs() {}

    /** The fields that differ between two entries. */
    public static List<FieldDiff> between(Entry before, Entry after) {
        return between(EntryJson.of(before), EntryJson.of(after));
    }

    /**
     * The fields that differ between two JSON versions of an entry, in the order of {@code before}
     * then any field only {@code after} has. Numbers compare by value, so a JSON-read {@code 938}
     * (Integer) equals {@code 938L}.
     */
    public static List<FieldDiff> between(Map<String, ?> before, Map<String, ?> after) {
        if (before == null || after == null) {
            return List.of();
        }
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<FieldDiff> out = new ArrayList<>();
        for (String f : fields) {
            String old = text(before.get(f));
            String now = text(after.get(f));
            if (!Objects.equals(old, now)) {
                out.add(new FieldDiff(f, label(f), old, now));
            }
        }
        return out;
    }

    public static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /**
     * A field's value as one line of text: null stays null (an empty field), references become
     * "rfc:rfc6335; person:Jon_Postel", everything else its string form.
     */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return null;
            }
            List<String> parts = new ArrayList<>(list.size());
            for (Object o : list) {
                parts.add(o instanceof Map<?, ?> m ? reference(m) : String.valueOf(o));
            }
            return String.join("; ", parts);
        }
        if (value instanceof String s) {
            return s;
        }
        return String.valueOf(value);
    }

    private static String reference(Map<?, ?> r) {
        StringBuilder b = new StringBuilder();
        Object type = r.get("type");
        Object data = r.get("data");
        Object section = r.get("section");
        Object text = r.get("text");
        b.append(type == null ? "?" : type);
        if (data != null) {
            b.append(':').append(data);
        }
        if (section != null) {
            b.append(" §").append(section);
        }
        if (text != null && !String.valueOf(text).isBlank()) {
            b.append(" \"").append(String.valueOf(text).strip()).append('"');
        }
        return b.toString();
    }
}
