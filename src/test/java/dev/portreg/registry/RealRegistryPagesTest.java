package dev.portreg.registry;

import static dev.portreg.registry.RegistryPagesTest.SAMPLE;
import static dev.portreg.registry.RegistryPagesTest.assertContains;
import static dev.portreg.registry.RegistryPagesTest.page;

import dev.portreg.exchange.RegistryImporter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The pages on IANA's real registry show the acceptance facts of domain.md §9: 48 free runs and 282
 * free ports in 0-1023 on TCP and UDP, 916-952 the longest. Skipped when the file is absent, unless
 * PORTREG_REQUIRE_IANA=true.
 */
@QuarkusTest
class RealRegistryPagesTest {

    @Inject RegistryImporter importer;
    @Inject dev.portreg.support.TestDb db;

    @Test
    void pagesShowTheFactsOfTheRealRegistry() {
        Path xml =
                Path.of(System.getProperty("portreg.iana.dir", "../shared/data/iana"))
                        .resolve("service-names-port-numbers.xml");
        if (!Files.isReadable(xml)) {
            if ("true".equalsIgnoreCase(System.getenv("PORTREG_REQUIRE_IANA"))) {
                throw new AssertionError("PORTREG_REQUIRE_IANA=true but " + xml + " is missing");
            }
            Assumptions.abort("no " + xml);
        }
        db.resetTo(xml.toString());
        try {
            assertContains(
                    page("/gaps"),
                    "<strong>48 runs, 282 ports</strong> unassigned on TCP and UDP between 0 and"
                            + " 1023",
                    "<li><a href=\"#gap-916\">916-952</a> <span class=\"muted\">37 ports</span>",
                    "<tr id=\"gap-781\">");
            assertContains(
                    page("/"),
                    "<strong>282 ports</strong> are free on both TCP and UDP",
                    "<a href=\"/ports/916\">916-952</a> (37 ports), <a href=\"/ports/954\">954-988</a>"
                            + " (35 ports), <a href=\"/ports/781\">781-799</a> (19 ports)",
                    "title=\"938 — Unassigned\"",
                    "title=\"953 — TCP Assigned, UDP Reserved\"",
                    "title=\"914 — TCP Reserved, UDP Assigned\"",
                    "title=\"716 — TCP Not listed, UDP Assigned\"",
                    "2026-08-17");
            assertContains(
                    page("/ports/938"),
                    "System port: IETF Review or IESG Approval",
                    "<strong>916-952</strong>, 37 ports",
                    "<span class=\"badge st-unassigned\"");
            assertContains(
                    page("/ports/300"),
                    "<a href=\"/services/tacacss\">tacacss</a>",
                    "<span class=\"badge st-reserved\"");
        } finally {
            db.resetTo(SAMPLE);
        }
    }
}
