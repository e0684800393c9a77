package dev.portreg.web;

/**
 * The one-line message at the top of a page: what a redirect after a successful post says, or what
 * went wrong. Templates show it with the {@code {#flash}} tag ({@code tags/flash.html}), the one
 * place its markup is written.
 *
 * @param kind "success", "warn" or "error" (the CSS class flash-kind)
 */
public record Flash(String kind, String message) {

    public static Flash success(String message) {
        return new Flash("success", message);
    }

    public static Flash warn(String message) {
        return new Flash("warn", message);
    }

    public static Flash error(String message) {
        return new Flash("error", message);
    }

    public boolean isError() {
        return "error".equals(kind);
    }
}
