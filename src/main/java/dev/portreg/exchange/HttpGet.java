package dev.portreg.exchange;

import dev.portreg.exchange.SourceFetcher.FetchException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One GET of {@link SourceFetcher}'s, with Vert.x's HTTP client: to the address that was checked,
 * no redirect followed (the fetcher checks each), the body capped, the answer awaited until the
 * fetch's deadline. A failure is a {@link FetchException} that names the status or the kind of
 * failure, never what the server sent.
 */
final class HttpGet {

    /** A body, or where the server redirects to. */
    record Result(byte[] body, String redirect) {}

    private final HttpClient client;
    private final long cap;

    /**
     * @param cap the largest body read, in bytes
     */
    HttpGet(HttpClient client, long cap) {
        this.client = client;
        this.cap = cap;
    }

    /**
     * GETs {@code uri} from {@code address}.
     *
     * @param auth the Authorization header, or null
     * @param end the deadline, in {@link System#nanoTime()}
     * @param deadline the whole deadline, for the message
     */
    Result get(URI uri, InetAddress address, String auth, long end, Duration deadline) {
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Promise<Result> done = Promise.promise();
        Future<HttpClientRequest> request = client.request(options(uri, address, auth));
        request.onFailure(done::tryFail)
                .onSuccess(
                        req -> {
                            sent.set(req);
                            req.exceptionHandler(done::tryFail);
                            req.send()
                                    .onFailure(done::tryFail)
                                    .onSuccess(resp -> read(resp, cap, done));
                        });
        return await(done, sent, end, deadline);
    }

    private static RequestOptions options(URI uri, InetAddress address, String auth) {
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
        return options;
    }

    /** The result, once there is one; the request is reset when it fails or the deadline passes. */
    private static Result await(
            Promise<Result> done,
            AtomicReference<HttpClientRequest> sent,
            long end,
            Duration deadline) {
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
            throw new FetchException(FetchException.Kind.IO, describe(cause));
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

    private static String describe(Throwable e) {
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
}
