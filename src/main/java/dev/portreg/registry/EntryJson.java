package dev.portreg.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of an entry, used for history items (registry_change_item.before/after) and the
 * JSON export: lower-case values, every field present (null when empty), references in order.
 */
public final class EntryJson {

    private EntryJson() {}

    public static Map<String, Object> of(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.serviceName());
        m.put("portFrom", e.ports() == null ? null : e.ports().from());
        m.put("portTo", e.ports() == null ? null : e.ports().to());
        m.put("transport", e.transport() == null ? null : e.transport().slug());
        m.put("status", e.status().slug());
        m.put("description", e.description());
        m.put("assignee", e.assigneeId());
        m.put("contact", e.contactId());
        m.put("registered", e.registered());
        m.put("modified", e.modified());
        List<Map<String, Object>> refs = new ArrayList<>(e.references().size());
        for (Reference r : e.references()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("type", r.type());
            rm.put("data", r.data());
            rm.put("section", r.section());
            rm.put("text", r.text());
            refs.add(rm);
        }
        m.put("references", refs);
        m.put("serviceCode", e.serviceCode());
        m.put("unauthorized", e.unauthorized());
        m.put("notes", e.notes());
        return m;
    }

    /**
     * The entry a JSON object of {@link #of} describes ("status" is derived, so it is not read).
     *
     * @throws IllegalArgumentException when a field has the wrong shape
     */
    public static Entry parse(Map<String, Object> m) {
        Integer from = integer(m.get("portFrom"));
        Integer to = integer(m.get("portTo"));
        List<Reference> refs = new ArrayList<>();
        if (m.get("references") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> r) {
                    refs.add(
                            new Reference(
                                    text(r.get("type")),
                                    text(r.get("data")),
                                    text(r.get("section")),
                                    text(r.get("text"))));
                }
            }
        }
        Object code = m.get("serviceCode");
        return new Entry(
                text(m.get("name")),
                from == null ? null : new Ports(from, to == null ? from : to),
                Transport.parse(text(m.get("transport"))).orElse(null),
                text(m.get("description")),
                text(m.get("assignee")),
                text(m.get("contact")),
                text(m.get("registered")),
                text(m.get("modified")),
                refs,
                code == null ? null : ((Number) code).longValue(),
                text(m.get("unauthorized")),
                text(m.get("notes")));
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
