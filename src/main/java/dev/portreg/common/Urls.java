package dev.portreg.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the addresses the pages link to, encoded once, here. */
public final class Urls {

    private Urls() {}

    /** Whether a path is the JSON API's: errors there are problem+json, elsewhere pages. */
    public static boolean isApi(String path) {
        return path != null && path.startsWith("/api/");
    }

    /**
     * A path segment: unreserved characters and the sub-delimiters legacy service names hold
     * ({@code * + .}) stay as they are, "/" too (the service route takes the rest of the path);
     * everything else is percent-encoded.
     */
    public static String segment(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (byte c : text.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~*+/".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    /** A query-string value. */
    public static String param(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Starts a query string on {@code target}: the first parameter adds "?", later ones "&". */
    public static Query query(StringBuilder target) {
        return new Query(target);
    }

    /** Appends parameters, leaving out blank ones. */
    public static final class Query {
        private final StringBuilder b;
        private boolean first = true;

        private Query(StringBuilder b) {
            this.b = b;
        }

        public Query add(String name, String value) {
            if (value == null || value.isBlank()) {
                return this;
            }
            b.append(first ? '?' : '&').append(name).append('=').append(param(value.trim()));
            first = false;
            return this;
        }
    }
}
