package dev.portreg.exchange;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.common.Sources;
import dev.portreg.registry.EntryJson;
import dev.portreg.registry.Person;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistryInfo.Note;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the registry as one JSON document, streamed: {@code {registry: {...}, people: [...],
 * entries: [...]}} with lower-case values (transport "tcp", status "assigned", format "iana-xml").
 */
public final class JsonExportWriter {

    private final ObjectMapper mapper;

    public JsonExportWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(RegistrySnapshot snapshot, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("registry");
            mapper.writeValue(g, registry(snapshot));
            g.writeArrayFieldStart("people");
            List<Person> people = new ArrayList<>(snapshot.people().values());
            people.sort((a, b) -> a.id().compareTo(b.id()));
            for (Person p : people) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id());
                m.put("name", p.name());
                m.put("org", p.org());
                m.put("email", p.email());
                m.put("uri", p.uri());
                m.put("updated", p.updated());
                mapper.writeValue(g, m);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("entries");
            for (StoredEntry se : snapshot.entries()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", se.key());
                m.putAll(EntryJson.of(se.entry()));
                mapper.writeValue(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static Map<String, Object> registry(RegistrySnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", IanaFields.REGISTRY_ID);
        RegistryInfo info = s.info().orElse(null);
        m.put("title", info == null ? null : info.title());
        m.put("category", info == null ? null : info.category());
        m.put("updated", info == null || info.updated() == null ? null : info.updated().toString());
        m.put("expert", info == null ? null : info.expert());
        m.put("source", info == null ? null : Sources.display(info.source()));
        m.put("format", info == null ? null : info.format().slug);
        m.put("partial", info != null && info.partial());
        m.put("importedAt", info == null ? null : info.importedAt().toString());
        List<Map<String, Object>> notes = new ArrayList<>();
        List<Map<String, Object>> footnotes = new ArrayList<>();
        if (info != null) {
            for (Note n : info.notes()) {
                Map<String, Object> nm = new LinkedHashMap<>();
                nm.put("title", n.title());
                nm.put("text", n.text());
                notes.add(nm);
            }
            for (Note n : info.footnotes()) {
                Map<String, Object> nm = new LinkedHashMap<>();
                nm.put("anchor", n.title());
                nm.put("text", n.text());
                footnotes.add(nm);
            }
        }
        m.put("notes", notes);
        m.put("footnotes", footnotes);
        m.put("entries", s.entries().size());
        m.put("people", s.people().size());
        return m;
    }
}
