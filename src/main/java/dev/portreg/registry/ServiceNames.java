package dev.portreg.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The service-name rules of RFC 6335 §5.1, with the advice of §5 and RFC 7605 §7.5. */
public final class ServiceNames {

    public static final int MAX_LENGTH = 15;
    private static final Pattern CHARS = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern LETTER = Pattern.compile(".*[A-Za-z].*");
    private static final Pattern VERSION = Pattern.compile("(?i).*(v\\d+|version|\\d+\\.\\d+).*");
    private static final List<String> REDUNDANT = List.of("port", "service", "protocol");

    private ServiceNames() {}

    /** True when {@code name} follows RFC 6335 §5.1. */
    public static boolean valid(String name) {
        return problems(name).isEmpty();
    }

    /** Why {@code name} breaks RFC 6335 §5.1; empty when it follows it. */
    public static List<String> problems(String name) {
        List<String> out = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            out.add("is required");
            return out;
        }
        if (name.length() > MAX_LENGTH) {
            out.add("must be at most 15 characters (RFC 6335 §5.1)");
        }
        if (!CHARS.matcher(name).matches()) {
            out.add("may contain only letters A-Z, digits 0-9 and hyphens (RFC 6335 §5.1)");
        }
        if (!LETTER.matcher(name).matches()) {
            out.add(
                    "must contain at least one letter, so it cannot be taken for a port number"
                            + " (RFC 6335 §5.1)");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            out.add("must not begin or end with a hyphen (RFC 6335 §5.1)");
        }
        if (name.contains("--")) {
            out.add("must not contain two hyphens in a row (RFC 6335 §5.1)");
        }
        return out;
    }

    /** Advice that does not block a request: redundant words and version numbers. */
    public static List<String> warnings(String name) {
        List<String> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : REDUNDANT) {
            if (lower.contains(word)) {
                out.add("avoid the redundant word \"" + word + "\" (RFC 6335 §5)");
            }
        }
        if (VERSION.matcher(name).matches()) {
            out.add("avoid version numbers: handle versions in-band (RFC 7605 §7.5)");
        }
        return out;
    }

    /** The form used for case-insensitive comparison. */
    public static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
