package dev.portreg.account;

/**
 * Where to go after signing in: a path of this site only. Anything else (another host, "//host", a
 * scheme, a backslash trick, control characters) gives null, so a crafted link cannot send a person
 * elsewhere after they typed their password.
 */
final class NextPage {

    private static final int MAX = 2000;

    private NextPage() {}

    static String safe(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX) {
            return null;
        }
        if (next.charAt(0) != '/' || next.startsWith("//") || next.startsWith("/\\")) {
            return null;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return null;
            }
        }
        if (next.startsWith("/login") || next.startsWith("/logout")) {
            return "/";
        }
        return next;
    }
}
