package dev.portreg.common;

import java.util.function.IntFunction;

/**
 * Where a listing page is and the links around it, numbered from 1 on every page: {@code ?page=1}
 * (or no {@code page}) is the first page, the address of the first page has no {@code page}. The
 * one pager of the pages ({@code /registry}, {@code /changes}, {@code /changes/{id}}), drawn by
 * {@code tags/pager.html}; the JSON API keeps counting its pages from 0.
 *
 * @param page this page, from 1
 * @param first the number of the first item shown, from 1 (0 when none is)
 * @param previous the previous page's address, or null on the first page
 * @param next the next page's address, or null on the last page
 */
public record Pager(
        int page, int pages, long total, long first, long last, String previous, String next) {

    /**
     * The index from 0 of the page asked for: blank is the first page; anything but a whole number
     * from 1 (0 too) is refused with a 400 that says so.
     */
    public static int index(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String t = text.trim();
        if (!t.matches("\\d{1,9}") || Integer.parseInt(t) < 1) {
            throw ProblemException.badInput(
                    "page", "must be a whole number from 1, not \"" + text + "\"");
        }
        return Integer.parseInt(t) - 1;
    }

    /**
     * The pager of page {@code index} (from 0) of {@code pages}, showing {@code shown} items of
     * {@code size} per page out of {@code total}; {@code url} gives the address of a page number
     * from 1. Past the end, "previous" leads to the last page.
     */
    public static Pager of(
            int index, int size, long total, int pages, int shown, IntFunction<String> url) {
        int current = index + 1;
        long first = shown == 0 ? 0 : (long) index * size + 1;
        long last = shown == 0 ? 0 : first + shown - 1;
        return new Pager(
                current,
                pages,
                total,
                first,
                last,
                current > 1 ? url.apply(Math.min(current - 1, Math.max(pages, 1))) : null,
                current < pages ? url.apply(current + 1) : null);
    }

    /**
     * The address of page {@code page} (from 1) of {@code base}, which may have a query already:
     * the first page's has no {@code page}.
     */
    public static String url(String base, int page) {
        return page <= 1 ? base : base + (base.contains("?") ? "&" : "?") + "page=" + page;
    }

    /** Whether there is more than one page, so the pager is shown. */
    public boolean needed() {
        return pages > 1;
    }
}
