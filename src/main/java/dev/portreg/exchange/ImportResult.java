package dev.portreg.exchange;

import dev.portreg.registry.RegistryInfo.SourceFormat;

/**
 * What an import did.
 *
 * @param kind "seed" when the registry was empty before, else "import"
 * @param source the file path or URL imported
 * @param entries how many entries the registry holds now
 * @param added entries added
 * @param changed entries whose fields changed
 * @param removed entries removed
 * @param moved entries that only changed their place in file order
 * @param peopleWritten people inserted or changed
 * @param changeId the registry_change row written, or null when nothing changed
 * @param revision the registry's revision after the import
 * @param conflicts entries changed both here and in the file (kept unless taken)
 * @param millis how long the import took, parse excluded
 */
public record ImportResult(
        String kind,
        String source,
        SourceFormat format,
        int entries,
        int added,
        int changed,
        int removed,
        int moved,
        int peopleWritten,
        Long changeId,
        long revision,
        int conflicts,
        long millis) {

    /** True when the import changed no entry. */
    public boolean unchanged() {
        return added == 0 && changed == 0 && removed == 0;
    }
}
