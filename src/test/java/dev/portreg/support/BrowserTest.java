package dev.portreg.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** When the browser is missing, browser tests skip, or fail when CI requires a browser. */
class BrowserTest {

    private static final Path MISSING = Path.of("/nonexistent/portreg/chromium");
    private static final Path PRESENT = Path.of("/bin/sh");

    @Test
    void missingBrowserSkipsWhenNotRequired() {
        TestAbortedException e =
                assertThrows(
                        TestAbortedException.class,
                        () -> Browser.requireInstalled(MISSING, PRESENT, false));
        assertTrue(e.getMessage().contains(MISSING.toString()), e.getMessage());
    }

    @Test
    void missingDriverFailsWhenRequired() {
        AssertionFailedError e =
                assertThrows(
                        AssertionFailedError.class,
                        () -> Browser.requireInstalled(PRESENT, MISSING, true));
        assertTrue(e.getMessage().contains(MISSING.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(Browser.REQUIRE_ENV), e.getMessage());
    }

    @Test
    void installedBrowserPasses() {
        assertDoesNotThrow(() -> Browser.requireInstalled(PRESENT, PRESENT, true));
    }
}
