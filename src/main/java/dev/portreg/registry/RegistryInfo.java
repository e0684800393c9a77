package dev.portreg.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The registry as a whole: IANA's header, and where this copy came from.
 *
 * @param source the file path or URL the registry was last imported from
 * @param format the format of that source
 * @param partial true when the source holds only part of the registry (/etc/services)
 * @param updated IANA's "Last Updated" date, or null when the source gives none
 * @param notes the registry's general notes, in order
 * @param footnotes the footnotes that references of type "note" point to
 */
public record RegistryInfo(
        String source,
        SourceFormat format,
        boolean partial,
        String title,
        String category,
        LocalDate updated,
        String expert,
        List<Note> notes,
        List<Note> footnotes,
        Instant importedAt) {

    public RegistryInfo {
        notes = notes == null ? List.of() : List.copyOf(notes);
        footnotes = footnotes == null ? List.of() : List.copyOf(footnotes);
    }

    /** A note of the registry: {@code title} is a note's title or a footnote's anchor. */
    public record Note(String title, String text) {}

    /** The formats a registry can be read from. */
    public enum SourceFormat {
        IANA_XML("iana-xml", "IANA XML"),
        IANA_CSV("iana-csv", "IANA CSV"),
        ETC_SERVICES("etc-services", "/etc/services");

        public final String slug;
        public final String label;

        SourceFormat(String slug, String label) {
            this.slug = slug;
            this.label = label;
        }

        public static SourceFormat ofSlug(String slug) {
            for (SourceFormat f : values()) {
                if (f.slug.equals(slug)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown source format " + slug);
        }
    }
}
