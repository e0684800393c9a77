package dev.portreg.account;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The address a request came from, as throttling and the audit log record it. Behind a proxy the
 * forwarded address counts only when {@code quarkus.http.proxy.*} trusts that proxy; otherwise a
 * client could name any address it likes.
 */
final class ClientAddress {

    static final String UNKNOWN = "unknown";

    private ClientAddress() {}

    static String of(RoutingContext ctx) {
        if (ctx == null) {
            return UNKNOWN;
        }
        SocketAddress a = ctx.request().remoteAddress();
        if (a == null) {
            return UNKNOWN;
        }
        String host = a.hostAddress();
        if (host == null || host.isEmpty()) {
            return UNKNOWN;
        }
        return host.length() > 64 ? host.substring(0, 64) : host;
    }
}
