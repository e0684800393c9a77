package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, finding 5: import by URL reached loopback and other internal addresses, followed
 * redirects, echoed what it read, had no overall deadline and read any size into memory. Only the
 * loopback interface is used here: internal ranges are checked by address, without traffic.
 */
class SourceFetcherTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static int port;
    private static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(
                "/",
                ex -> {
                    String path = ex.getRequestURI().getPath();
                    hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                    try (ex) {
                        switch (path) {
                            case "/ok.txt" -> send(ex, 200, "hello registry");
                            case "/auth.txt" ->
                                    send(
                                            ex,
                                            200,
                                            String.valueOf(
                                                    ex.getRequestHeaders()
                                                            .getFirst("Authorization")));
                            case "/secret-error" -> send(ex, 500, "SECRET-BODY of the server");
                            case "/to-localhost" -> {
                                ex.getResponseHeaders()
                                        .add("Location", "http://localhost:" + port + "/ok.txt");
                                ex.sendResponseHeaders(302, -1);
                            }
                            case "/to-ok" -> {
                                ex.getResponseHeaders().add("Location", "/ok.txt");
                                ex.sendResponseHeaders(301, -1);
                            }
                            case "/to-file" -> {
                                ex.getResponseHeaders().add("Location", "file:///etc/passwd");
                                ex.sendResponseHeaders(302, -1);
                            }
                            case "/loop" -> {
                                ex.getResponseHeaders().add("Location", "/loop");
                                ex.sendResponseHeaders(302, -1);
                            }
                            case "/big" -> send(ex, 200, "x".repeat(2 * 1024 * 1024));
                            case "/big-chunked" -> {
                                ex.sendResponseHeaders(200, 0);
                                OutputStream out = ex.getResponseBody();
                                byte[] chunk = new byte[64 * 1024];
                                for (int i = 0; i < 40; i++) {
                                    out.write(chunk);
                                }
                            }
                            case "/slow" -> {
                                ex.sendResponseHeaders(200, 0);
                                OutputStream out = ex.getResponseBody();
                                for (int i = 0; i < 50; i++) {
                                    out.write('x');
                                    out.flush();
                                    Thread.sleep(100);
                                }
                            }
                            default -> send(ex, 404, "no");
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client went away: that is what some tests want
                    }
                });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        vertx.close();
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, int status, String body)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static SourceFetcher fetcher(List<String> allowed, long maxBytes, Duration deadline) {
        return new SourceFetcher(
                vertx,
                new FetchConfig() {
                    @Override
                    public Duration deadline() {
                        return deadline;
                    }

                    @Override
                    public Duration connectTimeout() {
                        return Duration.ofSeconds(2);
                    }

                    @Override
                    public long maxBytes() {
                        return maxBytes;
                    }

                    @Override
                    public int maxRedirects() {
                        return 5;
                    }

                    @Override
                    public Optional<List<String>> allowedHosts() {
                        return Optional.of(allowed);
                    }
                });
    }

    private static SourceFetcher allowingLoopbackIp() {
        return fetcher(List.of("127.0.0.1"), 1024 * 1024, Duration.ofSeconds(10));
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static int hitsOf(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Test
    void internalAddressesAreRecognisedWithoutSendingAnything() throws Exception {
        for (String a :
                List.of(
                        "127.0.0.1",
                        "127.9.9.9",
                        "::1",
                        "0.0.0.0",
                        "10.1.2.3",
                        "172.16.0.1",
                        "172.31.255.255",
                        "192.168.1.1",
                        "169.254.169.254",
                        "fe80::1",
                        "fc00::1",
                        "fd12:3456::1",
                        "224.0.0.1",
                        "ff02::1",
                        "100.64.0.1",
                        "198.18.0.1",
                        "192.0.2.1",
                        "2001:db8::1",
                        "255.255.255.255",
                        "::ffff:10.0.0.1",
                        "::ffff:127.0.0.1",
                        "64:ff9b::a00:1")) {
            assertNotNull(SourceFetcher.internal(InetAddress.getByName(a)), a);
        }
        for (String a :
                List.of(
                        "93.184.216.34",
                        "192.0.43.8",
                        "8.8.8.8",
                        "2606:4700::1111",
                        "172.32.0.1")) {
            assertNull(SourceFetcher.internal(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void loopbackIsRefusedBeforeAnyConnection() {
        SourceFetcher strict = fetcher(List.of(), 1024, Duration.ofSeconds(5));
        int before = hitsOf("/ok.txt");
        for (String u :
                List.of(
                        url("/ok.txt"),
                        "http://localhost:" + port + "/ok.txt",
                        "http://127.0.0.2:" + port + "/ok.txt",
                        "http://[::1]:" + port + "/ok.txt")) {
            ImportException e = assertThrows(ImportException.class, () -> strict.fetch(u), u);
            assertTrue(e.getMessage().contains("loopback"), e.getMessage());
            assertTrue(e.getMessage().contains("portreg.import.allowed-hosts"), e.getMessage());
        }
        assertEquals(before, hitsOf("/ok.txt"), "nothing was fetched");
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        SourceFetcher f = allowingLoopbackIp();
        for (String u :
                List.of(
                        "file:///etc/passwd",
                        "ftp://127.0.0.1/x",
                        "gopher://127.0.0.1/",
                        "jar:file:/x!/y",
                        "/etc/passwd")) {
            assertThrows(ImportException.class, () -> f.fetch(u), u);
        }
    }

    @Test
    void anAllowedHostIsFetchedAndCredentialsAreSentButNeverRecorded() {
        SourceFetcher f = allowingLoopbackIp();
        assertArrayEquals(
                "hello registry".getBytes(StandardCharsets.UTF_8), f.fetch(url("/ok.txt")));
        String auth =
                new String(
                        f.fetch("http://op:s3cret@127.0.0.1:" + port + "/auth.txt"),
                        StandardCharsets.UTF_8);
        assertTrue(auth.startsWith("Basic "), auth);
        assertEquals(
                "https://mirror.example:8443/a/b.xml",
                SourceFetcher.recordable(
                        "https://op:s3cret@mirror.example:8443/a/b.xml?sig=abc#top"));
        assertEquals("http://127.0.0.1/x", SourceFetcher.recordable("http://127.0.0.1/x?token=1"));
    }

    @Test
    void everyRedirectIsCheckedAgain() {
        SourceFetcher f = allowingLoopbackIp();
        int before = hitsOf("/ok.txt");
        ImportException e =
                assertThrows(ImportException.class, () -> f.fetch(url("/to-localhost")));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        assertFalse(e.getMessage().contains("localhost:" + port), "the Location is not echoed");
        assertEquals(before, hitsOf("/ok.txt"), "the redirect target was not fetched");
        assertArrayEquals(
                "hello registry".getBytes(StandardCharsets.UTF_8), f.fetch(url("/to-ok")));
        assertThrows(ImportException.class, () -> f.fetch(url("/to-file")));
        ImportException loop = assertThrows(ImportException.class, () -> f.fetch(url("/loop")));
        assertTrue(loop.getMessage().contains("redirected more than 5 times"), loop.getMessage());
    }

    @Test
    void errorsNeverEchoWhatTheServerSent() {
        ImportException e =
                assertThrows(
                        ImportException.class,
                        () -> allowingLoopbackIp().fetch(url("/secret-error")));
        assertEquals("answered HTTP 500", e.getMessage());
    }

    @Test
    void aBodyOverTheCapIsRefusedWithOrWithoutALength() {
        SourceFetcher f = allowingLoopbackIp();
        for (String path : List.of("/big", "/big-chunked")) {
            ImportException e = assertThrows(ImportException.class, () -> f.fetch(url(path)), path);
            assertTrue(e.getMessage().contains("larger than 1 MiB"), e.getMessage());
        }
    }

    @Test
    void aSlowServerMeetsTheDeadline() {
        SourceFetcher f = fetcher(List.of("127.0.0.1"), 1024 * 1024, Duration.ofMillis(800));
        long start = System.nanoTime();
        SourceFetcher.FetchException e =
                assertThrows(SourceFetcher.FetchException.class, () -> f.fetch(url("/slow")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(SourceFetcher.FetchException.Kind.TIMEOUT, e.kind());
        assertTrue(ms < 3000, "gave up after " + ms + " ms");
    }
}
