package dev.portreg.registry;

/**
 * A reference of an entry, as IANA's XML writes it: {@code <xref type="rfc" data="rfc6335"/>}.
 *
 * @param type rfc, draft, uri, text, note or person
 * @param data the RFC or draft name, URI, footnote anchor; null for plain text
 * @param section a section of the referenced document, or null
 * @param text the element's own text (a label for a URI, the whole text of a text reference)
 */
public record Reference(String type, String data, String section, String text) {

    public static Reference rfc(int number) {
        return new Reference("rfc", "rfc" + number, null, null);
    }

    /** A short label: "RFC 6335", the draft name, the link text or the text itself. */
    public String label() {
        return switch (type) {
            case "rfc" -> "RFC " + data.replaceFirst("(?i)^rfc", "");
            case "note" -> "Note [" + data + "]";
            case "text" -> text != null ? text : String.valueOf(data);
            default -> text != null && !text.isBlank() ? text : String.valueOf(data);
        };
    }

    /** Where the reference points on the web, or null. */
    public String url() {
        if (data == null) {
            return null;
        }
        return switch (type) {
            case "rfc" -> "https://www.rfc-editor.org/rfc/" + data.toLowerCase();
            case "draft" -> "https://datatracker.ietf.org/doc/" + data;
            case "uri" -> data.startsWith("http") ? data : null;
            default -> null;
        };
    }
}
