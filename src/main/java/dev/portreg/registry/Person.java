package dev.portreg.registry;

/**
 * A person or organisation from IANA's people list, referred to by id ("Jon_Postel").
 *
 * @param email the address, with IANA's "&amp;" turned back into "@"; null when unknown
 * @param uri any other URI given for the person, or null
 * @param updated when IANA last changed the entry (YYYY-MM or YYYY-MM-DD), or null
 */
public record Person(String id, String name, String org, String email, String uri, String updated) {

    public static Person idOnly(String id) {
        return new Person(id, null, null, null, null, null);
    }

    /** The best name to show: the person's name, else the organisation, else the id. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (org != null && !org.isBlank()) {
            return org;
        }
        return id.replace('_', ' ');
    }
}
