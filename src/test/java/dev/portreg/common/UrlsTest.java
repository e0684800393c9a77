package dev.portreg.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void segmentKeepsLegacyNameCharactersAndEncodesTheRest() {
        assertEquals("sql*net", Urls.segment("sql*net"));
        assertEquals("EtherNet/IP-1", Urls.segment("EtherNet/IP-1"));
        assertEquals("a%20b%3Fc%23d", Urls.segment("a b?c#d"));
        assertEquals("%C3%A9", Urls.segment("é"));
    }

    @Test
    void queryLeavesOutBlankValuesAndEncodesTheOthers() {
        StringBuilder b = new StringBuilder("/registry");
        Urls.query(b).add("range", null).add("status", " ").add("q", "a&b c").add("page", "2");
        assertEquals("/registry?q=a%26b+c&page=2", b.toString());
    }
}
