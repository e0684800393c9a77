package dev.portreg.web;

import dev.portreg.support.TcpProxyResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test profiles that put a {@link dev.portreg.support.TcpProxy} between the app and PostgreSQL. */
final class OutageProfiles {

    private OutageProfiles() {}

    /** The sample registry, seeded into the (cleaned) test schema once the database is there. */
    static String sample() {
        try {
            return Path.of(OutageProfiles.class.getResource("/iana/sample.xml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database is there at start, through a proxy the test can cut. */
    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portreg.registry.seed", sample());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TcpProxyResource.class));
        }
    }

    /** The database is not there at start: the proxy refuses until the test resumes it. */
    public static class DownAtStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "portreg.registry.seed", sample(), "portreg.db.startup-retry-interval", "1S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(
                            TcpProxyResource.class, Map.of(TcpProxyResource.REFUSING, "true")));
        }
    }
}
