package dev.portreg.registry;

import dev.portreg.registry.RegistryViews.EntryView;
import dev.portreg.registry.RegistryViews.PersonView;
import dev.portreg.registry.RegistryViews.ReferenceView;
import dev.portreg.registry.RegistryViews.SourceView;

/** Maps a snapshot's entries and source to the records of {@link RegistryViews}. */
final class ViewMapping {

    private ViewMapping() {}

    static SourceView source(RegistrySnapshot s) {
        return s.info()
                .map(
                        i ->
                                new SourceView(
                                        i.source(),
                                        i.format().slug,
                                        i.format().label,
                                        i.partial(),
                                        i.updated(),
                                        i.importedAt(),
                                        s.revision(),
                                        s.changedAt().orElse(null)))
                .orElse(null);
    }

    static EntryView entry(RegistrySnapshot s, StoredEntry se) {
        Entry e = se.entry();
        return new EntryView(
                se.key(),
                e.serviceName(),
                e.ports() == null ? null : e.ports().toString(),
                e.ports() == null ? null : e.ports().from(),
                e.ports() == null ? null : e.ports().to(),
                e.transport() == null ? null : e.transport().slug(),
                e.transports(),
                e.status(),
                e.description(),
                person(s, e.assigneeId()),
                person(s, e.contactId()),
                e.registered(),
                e.modified(),
                e.references().stream()
                        .map(
                                r ->
                                        new ReferenceView(
                                                r.type(),
                                                r.data(),
                                                r.section(),
                                                r.text(),
                                                r.label(),
                                                r.url()))
                        .toList(),
                e.serviceCode(),
                e.unauthorized(),
                e.notes(),
                e.legacyName(),
                EarlyAllocation.in(e.description()).orElse(null));
    }

    private static PersonView person(RegistrySnapshot s, String id) {
        if (id == null) {
            return null;
        }
        Person p = s.people().getOrDefault(id, Person.idOnly(id));
        return new PersonView(p.id(), p.displayName(), p.org(), p.email(), p.uri());
    }
}
