package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The range edges of RFC 6335 §6 and the arithmetic of port runs, at their boundaries. */
class PortRangeTest {

    @Test
    void theEdgesOfTheThreeRanges() {
        assertEquals(PortRange.SYSTEM, PortRange.of(0));
        assertEquals(PortRange.SYSTEM, PortRange.of(1023));
        assertEquals(PortRange.USER, PortRange.of(1024));
        assertEquals(PortRange.USER, PortRange.of(49151));
        assertEquals(PortRange.DYNAMIC, PortRange.of(49152));
        assertEquals(PortRange.DYNAMIC, PortRange.of(65535));
        assertEquals(1024, PortRange.SYSTEM.size());
        assertEquals(48128, PortRange.USER.size());
        assertEquals(16384, PortRange.DYNAMIC.size());
    }

    @Test
    void outsideThePortSpaceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(-1));
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(65536));
        assertTrue(PortRange.isPort(0));
        assertTrue(PortRange.isPort(65535));
        assertFalse(PortRange.isPort(-1));
        assertFalse(PortRange.isPort(65536));
    }

    @Test
    void containsIsInclusiveAtBothEnds() {
        assertTrue(PortRange.USER.contains(1024));
        assertTrue(PortRange.USER.contains(49151));
        assertFalse(PortRange.USER.contains(1023));
        assertFalse(PortRange.USER.contains(49152));
    }

    @Test
    void slugsAndNames() {
        assertEquals("system", PortRange.SYSTEM.slug());
        assertEquals("dynamic", PortRange.DYNAMIC.toString());
        assertEquals(Optional.of(PortRange.USER), PortRange.parse(" User "));
        assertEquals(Optional.empty(), PortRange.parse("ephemeral"));
    }

    @Test
    void runsOverlapOnlyWhenTheyShareAPort() {
        Ports run = Ports.parse("916-952");
        assertTrue(run.overlaps(Ports.of(916)));
        assertTrue(run.overlaps(Ports.of(952)));
        assertTrue(run.overlaps(Ports.parse("900-916")));
        assertTrue(run.overlaps(Ports.parse("952-1000")));
        assertTrue(run.overlaps(Ports.parse("0-65535")));
        assertFalse(run.overlaps(Ports.of(915)));
        assertFalse(run.overlaps(Ports.of(953)));
        assertFalse(run.overlaps(Ports.parse("953-960")));
        assertFalse(Ports.of(953).overlaps(run));
    }

    @Test
    void runsAreReadAsIanaWritesThem() {
        assertEquals(new Ports(916, 952), Ports.parse(" 916 - 952 "));
        assertEquals(37, Ports.parse("916-952").size());
        assertTrue(Ports.of(938).single());
        assertFalse(Ports.parse("938-939").single());
        assertTrue(Ports.parse("938-939").contains(939));
        assertFalse(Ports.parse("938-939").contains(940));
        assertEquals(Ports.of(65535), Ports.parse("65535"));
        IllegalArgumentException backwards =
                assertThrows(IllegalArgumentException.class, () -> Ports.parse("952-916"));
        assertEquals("range 952-916 runs backwards", backwards.getMessage());
        IllegalArgumentException outside =
                assertThrows(IllegalArgumentException.class, () -> Ports.parse("65536"));
        assertEquals("port 65536 is outside 0-65535", outside.getMessage());
        IllegalArgumentException word =
                assertThrows(IllegalArgumentException.class, () -> Ports.parse("http"));
        assertEquals(
                "\"http\" is not a port number or a range such as 6000-6063", word.getMessage());
        assertTrue(Ports.of(80).compareTo(Ports.parse("80-81")) < 0);
        assertTrue(Ports.of(81).compareTo(Ports.parse("80-81")) > 0);
        assertEquals(0, Ports.of(80).compareTo(Ports.of(80)));
    }

    @Test
    void aRunNamesWhichOfItsEndsIsOutsideThePortSpace() {
        IllegalArgumentException high =
                assertThrows(IllegalArgumentException.class, () -> new Ports(0, 65536));
        assertEquals("port 65536 is outside 0-65535", high.getMessage());
        IllegalArgumentException low =
                assertThrows(IllegalArgumentException.class, () -> new Ports(-1, 80));
        assertEquals("port -1 is outside 0-65535", low.getMessage());
        assertEquals(new Ports(0, 65535), Ports.parse("0-65535"));
        assertEquals(65536, new Ports(0, 65535).size());
        assertEquals("0-65535", new Ports(0, 65535).toString());
        assertEquals("1023", Ports.of(1023).toString());
    }

    @Test
    void aLeadingDashIsNotANegativePort() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Ports.parse("-5"));
        assertEquals("\"-5\" is not a port number or a range such as 6000-6063", e.getMessage());
    }

    @Test
    void aRunContainsBothItsEnds() {
        Ports run = Ports.parse("1023-1024");
        assertTrue(run.contains(1023));
        assertTrue(run.contains(1024));
        assertFalse(run.contains(1022));
        assertFalse(run.contains(1025));
        assertTrue(Ports.of(65535).contains(65535));
        assertTrue(Ports.of(0).contains(0));
    }
}
