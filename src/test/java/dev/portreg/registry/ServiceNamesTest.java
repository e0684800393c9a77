package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {

    @Test
    void acceptsTheSyntaxOfRfc6335() {
        for (String ok :
                List.of("http", "914c-g", "a", "x11", "LiebDevMgmt-A", "abcdefghijklmno")) {
            assertTrue(ServiceNames.valid(ok), ok);
        }
    }

    @Test
    void refusesEachRuleWithItsReason() {
        assertEquals(
                List.of("must be at most 15 characters (RFC 6335 §5.1)"),
                ServiceNames.problems("abcdefghijklmnop"));
        assertTrue(ServiceNames.problems("sql*net").get(0).startsWith("may contain only"));
        assertTrue(
                ServiceNames.problems("6000")
                        .get(0)
                        .startsWith("must contain at least one letter"));
        assertTrue(ServiceNames.problems("-abc").get(0).startsWith("must not begin or end"));
        assertTrue(
                ServiceNames.problems("ab--c").get(0).startsWith("must not contain two hyphens"));
        assertEquals(List.of("is required"), ServiceNames.problems(""));
    }

    @Test
    void legacyNamesAreFlaggedNotRejectedOnImport() {
        Entry legacy =
                new Entry(
                        "sql*net",
                        Ports.of(66),
                        Transport.TCP,
                        "Oracle SQL*NET",
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        null,
                        null);
        assertTrue(legacy.legacyName());
    }

    @Test
    void warnsAboutRedundantWordsAndVersions() {
        assertEquals(1, ServiceNames.warnings("fooport").size());
        assertEquals(1, ServiceNames.warnings("foo-v2").size());
        assertFalse(ServiceNames.warnings("foo").size() > 0);
    }
}
