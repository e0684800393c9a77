package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.RegistryInfo;
import java.util.List;

/**
 * A whole registry as read from a file, before it is imported: the header, the entries in file
 * order, and the people the file lists (empty for formats that list none).
 */
public record RegistryDocument(RegistryInfo info, List<Entry> entries, List<Person> people) {

    public RegistryDocument {
        entries = List.copyOf(entries);
        people = people == null ? List.of() : List.copyOf(people);
    }
}
