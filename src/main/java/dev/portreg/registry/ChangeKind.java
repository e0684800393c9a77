package dev.portreg.registry;

import dev.portreg.common.Slugs;

/**
 * What made a change set. Seeds and imports bring in an upstream file (IANA's); the others are
 * local work on the registry.
 */
public enum ChangeKind {
    /** The first import into an empty registry: lists every entry. */
    SEED("seed", "Seed", true),
    /** An upstream file reconciled with the registry. */
    IMPORT("import", "Import", true),
    /** A request's registry action (assignment, new transport, modification, de-assignment...). */
    REGISTRY_ACTION("registry-action", "Registry action", false),
    /** An operator's direct correction of entries, with a reason. */
    OPERATOR_FIX("operator-fix", "Operator fix", false),
    /** The registry as it stood when the change log began (migration V8): lists every entry. */
    BASELINE("baseline", "Baseline", false);

    public final String slug;
    public final String label;

    /** True for kinds that bring in an upstream file. */
    public final boolean upstream;

    ChangeKind(String slug, String label, boolean upstream) {
        this.slug = slug;
        this.label = label;
        this.upstream = upstream;
    }

    /** True when a change set of this kind lists every entry of the registry. */
    public boolean fullState() {
        return this == SEED || this == BASELINE;
    }

    public static ChangeKind ofSlug(String slug) {
        return Slugs.parse(ChangeKind.class, slug, k -> k.slug)
                .orElseThrow(() -> new IllegalArgumentException("unknown change kind " + slug));
    }
}
