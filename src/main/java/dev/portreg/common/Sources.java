package dev.portreg.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the registry came from, as anyone may see it: a URL without credentials, query string or
 * fragment; a file by its name only, never the server's path ("/srv/data/iana.xml" shows as
 * "iana.xml"); an upload and a request as they are ("upload:x.xml", "request #12").
 */
public final class Sources {

    private Sources() {}

    public static String display(String source) {
        if (source == null || source.isBlank()) {
            return source;
        }
        String s = source.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return url(s);
        }
        if (lower.startsWith("upload:") || lower.startsWith("request #")) {
            return s;
        }
        if (lower.startsWith("file:")) {
            try {
                String path = new URI(s).getPath();
                return path == null ? "file" : fileName(path);
            } catch (URISyntaxException e) {
                return fileName(s.substring(5));
            }
        }
        return fileName(s);
    }

    private static String url(String s) {
        try {
            URI u = new URI(s);
            if (u.getHost() == null) {
                return "a URL";
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
            return "a URL";
        }
    }

    private static String fileName(String path) {
        String p = path;
        while (p.endsWith("/") || p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        String name = cut >= 0 ? p.substring(cut + 1) : p;
        return name.isEmpty() ? "file" : name;
    }
}
