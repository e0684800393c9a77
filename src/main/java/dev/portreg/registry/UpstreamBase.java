package dev.portreg.registry;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the last upstream file imported said, entry by entry: the base of the three-way
 * reconciliation of the next one (see {@link Reconciliation}).
 *
 * @param entries by stable key
 * @param revision the change set that imported it, or 0 when none was
 * @param registryDate that file's registry date, or null when none was imported
 * @param sourceName that file's name, or null
 */
public record UpstreamBase(
        Map<String, Entry> entries, long revision, LocalDate registryDate, String sourceName) {

    public static final UpstreamBase NONE = new UpstreamBase(Map.of(), 0, null, null);
}
