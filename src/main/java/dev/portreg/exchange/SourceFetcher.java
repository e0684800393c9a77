package dev.portreg.exchange;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.stream.Collectors;

/**
 * Fetches a registry file by URL, for an operator's import (and, trusted, for the seed URLs of the
 * configuration). An operator's URL may name only an http or https server on a public address: a
 * host that resolves to a loopback, private, link-local, multicast or otherwise internal address is
 * refused unless {@code portreg.import.allowed-hosts} names it, and every redirect is checked the
 * same way. The connection goes to the address that was checked (a second DNS answer cannot change
 * it), the whole fetch has a deadline and the body a size cap, and an error says what happened
 * without echoing anything the server sent.
 *
 * <p>This class checks the URL and each redirect and follows them; {@link PublicAddresses} says
 * which addresses are internal, {@link HttpGet} makes each request.
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
            HttpGet.Result r =
                    new HttpGet(client(), config.maxBytes())
                            .get(uri, address, hop == 0 ? auth : null, end, deadline);
            if (r.redirect() == null) {
                return r.body();
            }
            if (hop >= config.maxRedirects()) {
                throw new FetchException(
                        "redirected more than " + config.maxRedirects() + " times: refused");
            }
            URI next;
            try {
                next = uri.resolve(new URI(r.redirect().strip()));
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
        return PublicAddresses.internal(a);
    }

    private static String basicAuth(URI uri) {
        String info = uri.getUserInfo();
        if (info == null || info.isEmpty()) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8));
    }
}
