package dev.portreg.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test files: fixtures under src/test/resources/iana and the real IANA files. */
final class Fixtures {

    private Fixtures() {}

    /** The bytes of src/test/resources/iana/NAME. */
    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/iana/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture iana/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readString(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The fixture as a file path the importer can read. */
    static String path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/iana/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RegistryDocument read(String name) {
        return RegistryReaders.read(bytes(name), "iana/" + name);
    }

    /** The directory of the real IANA files (system property portreg.iana.dir). */
    static Path ianaDir() {
        return Path.of(System.getProperty("portreg.iana.dir", "../shared/data/iana"));
    }

    static Path realXml() {
        return ianaDir().resolve("service-names-port-numbers.xml");
    }

    static Path realCsv() {
        return ianaDir().resolve("service-names-port-numbers.csv");
    }

    /**
     * Skips the calling test when the real files are missing, unless PORTREG_REQUIRE_IANA=true, in
     * which case it fails.
     */
    static void assumeRealFiles() {
        boolean present = Files.isReadable(realXml()) && Files.isReadable(realCsv());
        if (!present && "true".equalsIgnoreCase(System.getenv("PORTREG_REQUIRE_IANA"))) {
            throw new AssertionError(
                    "PORTREG_REQUIRE_IANA=true but the IANA files are not in " + ianaDir());
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(
                present,
                "IANA files not found in "
                        + ianaDir().toAbsolutePath()
                        + " (set -Dportreg.iana.dir): skipping the full-registry test");
    }
}
