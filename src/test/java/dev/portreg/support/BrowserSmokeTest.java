package dev.portreg.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** The browser helper drives a real headless Chromium: no Quarkus, just a JDK HTTP server. */
class BrowserSmokeTest {

    private static final String PAGE =
            """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Browser smoke</title></head>
            <body>
              <h1 id="greeting">Port 938 is assigned</h1>
              <p id="scripted">script did not run</p>
              <script>document.getElementById('scripted').textContent = 'script ran';</script>
            </body>
            </html>
            """;

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    private HttpServer server;
    private Browser browser;

    @BeforeEach
    void startServerAndBrowser() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        browser = Browser.start();
    }

    @AfterEach
    void stopBrowserAndServer() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void opensPageReadsItAndSavesScreenshot() throws IOException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        browser.visit(url);

        assertEquals("Browser smoke", browser.driver().getTitle());
        assertEquals(
                "Port 938 is assigned", browser.driver().findElement(By.id("greeting")).getText());
        assertEquals("script ran", browser.driver().findElement(By.id("scripted")).getText());
        assertEquals(
                new Dimension(Browser.WIDTH, Browser.HEIGHT),
                browser.driver().manage().window().getSize());

        Path shot = browser.screenshot(Path.of("target", "screenshots", "browser-smoke.png"));
        byte[] head = Arrays.copyOf(Files.readAllBytes(shot), PNG_SIGNATURE.length);
        assertArrayEquals(PNG_SIGNATURE, head, "screenshot is a PNG");
    }
}
