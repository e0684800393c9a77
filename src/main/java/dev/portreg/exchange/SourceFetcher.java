package dev.portreg.exchange;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Fetches a registry file by URL, for an operator's import (and, trusted, for the seed URLs of the
 * configuration). An operator's URL may name only an http or https server on a public address: a
 * host that resolves to a loopback, private, link-local, multicast or otherwise internal address is
 * refused unless {@code portreg.import.allowed-hosts} names it, and every redirect is checked the
 * same way. The connection goes to the address that was checked (a second DNS answer cannot change
 * it), the whole fetch has a deadline and the body a size cap, and an error says what happened
 * without echoing anything the server sent.
 */
@ApplicationScoped
public class SourceFetcher {

    /** Why a fetch failed, in words that never include what the server sent. */
    public static final class FetchException extends ImportException {

        /** What kind of failure: the seeder words its log lines after it. */
        public enum Kind {
            URL,
            REFUSED,
            STATUS,
            IO,
            TIMEOUT
        }

        private final Kind kind;

        FetchException(String message) {
            this(Kind.REFUSED, message);
        }

        FetchException(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final Vertx vertx;
    private final FetchConfig config;
    private final Set<String> allowedHosts;
    private volatile HttpClient client;

    SourceFetcher(Vertx vertx, FetchConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.allowedHosts =
                config.allowedHosts().orElse(List.of()).stream()
                        .map(h -> h.strip().toLowerCase(Locale.ROOT))
                        .filter(h -> !h.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    @PreDestroy
    void close() {
        HttpClient c = client;
        if (c != null) {
            c.close();
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c =
                            vertx.createHttpClient(
                                    new HttpClientOptions()
                                            .setConnectTimeout(
                                                    (int) config.connectTimeout().toMillis())
                                            .setMaxRedirects(0)
                                            .setForceSni(true)
                                            .setVerifyHost(true)
                                            .setTryUseCompression(false));
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * What a URL is recorded as (registry source, history): scheme, host, port and path, without
     * credentials, query string or fragment.
     */
    public static String recordable(String url) {
        try {
            URI u = new URI(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return url;
            }
            return new URI(
                            u.getScheme().toLowerCase(Locale.ROOT),
                            null,
                            u.getHost(),
                            u.getPort(),
                            u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath(),
                            null,
                            null)
                    .toString();
        } catch (URISyntaxException | RuntimeException e) {
            return url;
        }
    }

    /**
     * The body of an operator's URL.
     *
     * @throws FetchException with a reason an operator can act on
     */
    public byte[] fetch(String url) {
        return fetch(parse(url), true, config.deadline());
    }

    /**
     * The body of a URL from the configuration (the seed list), which may name any address; the
     * deadline and the size cap hold all the same.
     */
    public byte[] fetchTrusted(String url, Duration deadline) {
        return fetch(parse(url), false, deadline);
    }

    private static URI parse(String url) {
        URI u;
        try {
            u = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new FetchException(
                    FetchException.Kind.URL, "is not a valid URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new FetchException(FetchException.Kind.URL, "must be an http or https URL");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new FetchException(FetchException.Kind.URL, "names no host");
        }
        return u;
    }

    private byte[] fetch(URI first, boolean checked, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        URI uri = first;
        String auth = basicAuth(first);
        for (int hop = 0; ; hop++) {
            InetAddress address = resolve(uri, checked);
            Result r = get(uri, address, hop == 0 ? auth : null, end, deadline, checked);
            if (r.redirect == null) {
                return r.body;
            }
            if (hop >= config.maxRedirects()) {
                throw new FetchException(
                        "redirected more than " + config.maxRedirects() + " times: refused");
            }
            URI next;
            try {
                next = uri.resolve(new URI(r.redirect.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new FetchException("redirected to an address that is not a URL");
            }
            String scheme =
                    next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(scheme) || next.getHost() == null) {
                throw new FetchException(
                        "redirected to something other than an http(s) URL: refused");
            }
            uri = next;
        }
    }

    /** The address to connect to, after checking every address the host has. */
    private InetAddress resolve(URI uri, boolean checked) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchException(
                    FetchException.Kind.IO, "names a host that does not resolve (" + host + ")");
        }
        if (checked && !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            for (InetAddress a : all) {
                String why = internal(a);
                if (why != null) {
                    throw new FetchException(
                            "leads to "
                                    + why
                                    + " ("
                                    + a.getHostAddress()
                                    + "), which imports may not reach; an operator setting"
                                    + " (portreg.import.allowed-hosts) can allow a host");
                }
            }
        }
        return all[0];
    }

    /**
     * What kind of internal address this is, or null for a public one: loopback, unspecified,
     * private (RFC 1918, unique local), link-local, multicast, shared (RFC 6598), documentation,
     * benchmarking and reserved ranges, IPv4 embedded in IPv6 included.
     */
    public static String internal(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if ((mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff)
                    || (b[0] == 0
                            && b[1] == 0x64
                            && (b[2] & 0xff) == 0xff
                            && (b[3] & 0xff) == 0x9b)) {
                try {
                    return internal(
                            InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "an unreadable address";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "a private address";
            }
            if ((b[0] & 0xff) == 0x20
                    && (b[1] & 0xff) == 0x01
                    && (b[2] & 0xff) == 0x0d
                    && (b[3] & 0xff) == 0xb8) {
                return "a documentation address";
            }
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            int b2 = b[2] & 0xff;
            if (b0 == 0) {
                return "a reserved address";
            }
            if (b0 == 100 && b1 >= 64 && b1 <= 127) {
                return "a shared (carrier-grade NAT) address";
            }
            if (b0 == 192 && b1 == 0 && b2 == 0) {
                return "a reserved address";
            }
            if ((b0 == 192 && b1 == 0 && b2 == 2)
                    || (b0 == 198 && b1 == 51 && b2 == 100)
                    || (b0 == 203 && b1 == 0 && b2 == 113)) {
                return "a documentation address";
            }
            if (b0 == 198 && (b1 == 18 || b1 == 19)) {
                return "a benchmarking address";
            }
            if (b0 >= 240) {
                return "a reserved address";
            }
        }
        return null;
    }

    private record Result(byte[] body, String redirect) {}

    private Result get(
            URI uri,
            InetAddress address,
            String auth,
            long end,
            Duration deadline,
            boolean checked) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        RequestOptions options =
                new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(uri.getHost())
                        .setPort(port)
                        .setURI(path)
                        .setSsl(https)
                        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                        .setFollowRedirects(false)
                        .putHeader("Accept", "application/xml, text/csv, text/plain, */*");
        if (auth != null) {
            options.putHeader("Authorization", auth);
        }
        long cap = config.maxBytes();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Promise<Result> done = Promise.promise();
        Future<HttpClientRequest> request = client().request(options);
        request.onFailure(done::tryFail)
                .onSuccess(
                        req -> {
                            sent.set(req);
                            req.exceptionHandler(done::tryFail);
                            req.send()
                                    .onFailure(done::tryFail)
                                    .onSuccess(resp -> read(resp, cap, done));
                        });
        long remaining = end - System.nanoTime();
        try {
            if (remaining <= 0) {
                throw new TimeoutException();
            }
            return done.future()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(sent);
            throw new FetchException(
                    FetchException.Kind.TIMEOUT,
                    "got no answer within " + deadline.toMillis() + " ms (the deadline)");
        } catch (InterruptedException e) {
            abort(sent);
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.IO, "was interrupted while it was read");
        } catch (ExecutionException e) {
            abort(sent);
            Throwable cause = e.getCause();
            if (cause instanceof FetchException f) {
                throw f;
            }
            throw new FetchException(FetchException.Kind.IO, describe(cause, checked));
        }
    }

    private static void read(HttpClientResponse resp, long cap, Promise<Result> done) {
        int status = resp.statusCode();
        if (status >= 300 && status < 400 && status != 304) {
            String location = resp.getHeader("Location");
            resp.request().reset();
            if (location == null || location.isBlank()) {
                done.tryFail(
                        new FetchException(
                                FetchException.Kind.STATUS,
                                "answered HTTP " + status + " without a Location"));
            } else {
                done.tryComplete(new Result(null, location));
            }
            return;
        }
        if (status != 200) {
            resp.request().reset();
            done.tryFail(new FetchException(FetchException.Kind.STATUS, "answered HTTP " + status));
            return;
        }
        String length = resp.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > cap) {
                    resp.request().reset();
                    done.tryFail(tooBig(cap));
                    return;
                }
            } catch (NumberFormatException e) {
                // read and count
            }
        }
        Buffer body = Buffer.buffer();
        resp.exceptionHandler(done::tryFail);
        resp.handler(
                chunk -> {
                    if (body.length() + (long) chunk.length() > cap) {
                        done.tryFail(tooBig(cap));
                        resp.request().reset();
                        return;
                    }
                    body.appendBuffer(chunk);
                });
        resp.endHandler(v -> done.tryComplete(new Result(body.getBytes(), null)));
    }

    private static FetchException tooBig(long cap) {
        return new FetchException(
                "is larger than "
                        + (cap / (1024 * 1024))
                        + " MiB (portreg.import.max-bytes): refused");
    }

    private static void abort(AtomicReference<HttpClientRequest> sent) {
        HttpClientRequest r = sent.get();
        if (r != null) {
            try {
                r.reset();
            } catch (RuntimeException e) {
                // already over
            }
        }
    }

    private static String describe(Throwable e, boolean checked) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.ConnectException
                || (root.getMessage() != null
                        && root.getMessage()
                                .toLowerCase(Locale.ROOT)
                                .contains("connection refused"))) {
            return "connection refused";
        }
        if (root instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake failed";
        }
        if (root instanceof io.netty.channel.ConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (root instanceof io.vertx.core.http.StreamResetException
                || root instanceof io.vertx.core.VertxException) {
            return "the connection was closed";
        }
        // Never the server's words: only the kind of failure.
        return root.getClass().getSimpleName();
    }

    private static String basicAuth(URI uri) {
        String info = uri.getUserInfo();
        if (info == null || info.isEmpty()) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8));
    }
}
