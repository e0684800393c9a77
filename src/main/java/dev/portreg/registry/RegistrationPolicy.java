package dev.portreg.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;

/** The RFC 8126 §4 registration policies that apply to this registry. */
public enum RegistrationPolicy {
    FIRST_COME_FIRST_SERVED("fcfs", "First Come First Served", "RFC 8126 §4.4"),
    EXPERT_REVIEW("expert-review", "Expert Review", "RFC 8126 §4.5"),
    IETF_REVIEW("ietf-review", "IETF Review", "RFC 8126 §4.8"),
    STANDARDS_ACTION("standards-action", "Standards Action", "RFC 8126 §4.9"),
    IESG_APPROVAL("iesg-approval", "IESG Approval", "RFC 8126 §4.10");

    public final String slug;
    public final String label;
    public final String reference;

    RegistrationPolicy(String slug, String label, String reference) {
        this.slug = slug;
        this.label = label;
        this.reference = reference;
    }

    public static java.util.Optional<RegistrationPolicy> parse(String slug) {
        return Slugs.parse(RegistrationPolicy.class, slug, p -> p.slug);
    }

    @JsonValue
    @Override
    public String toString() {
        return slug;
    }
}
