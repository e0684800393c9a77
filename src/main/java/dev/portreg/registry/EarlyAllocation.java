package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An early allocation (RFC 7120): a port given to an IETF document before it is published, for a
 * year, extendable once. IANA's files say so only in the description, and this is how they write it
 * (udp 914/915, RIFT, in 2024):
 *
 * <pre>Routing in Fat Trees Link Information Elements
 *   (TEMPORARY - registered 2023-02-17, extension registered 2024-01-12, expires 2025-02-17)</pre>
 *
 * @param extended when the one extension was registered; null before it
 */
public record EarlyAllocation(LocalDate registered, LocalDate extended, LocalDate expires) {

    /** How long an early allocation, and its one extension, last (RFC 7120 §3.3). */
    public static final int YEARS = 1;

    private static final Pattern MARKER =
            Pattern.compile(
                    "\\s*\\(\\s*TEMPORARY\\s*-\\s*registered\\s+(\\d{4}-\\d{2}-\\d{2})"
                            + "(?:\\s*,\\s*extension\\s+registered\\s+(\\d{4}-\\d{2}-\\d{2}))?"
                            + "\\s*,\\s*expires\\s+(\\d{4}-\\d{2}-\\d{2})\\s*\\)\\s*$");

    /** A new early allocation made on {@code day}: it expires a year later. */
    public static EarlyAllocation granted(LocalDate day) {
        return new EarlyAllocation(day, null, day.plusYears(YEARS));
    }

    /** The early allocation a description marks, if it marks one with valid dates. */
    public static Optional<EarlyAllocation> in(String description) {
        Matcher m = description == null ? null : MARKER.matcher(description);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new EarlyAllocation(
                            LocalDate.parse(m.group(1)),
                            m.group(2) == null ? null : LocalDate.parse(m.group(2)),
                            LocalDate.parse(m.group(3))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The description without its TEMPORARY marker: what the entry says once permanent. */
    public static String withoutMarker(String description) {
        return description == null ? null : MARKER.matcher(description).replaceFirst("").strip();
    }

    /** {@code base} with this allocation's marker, as IANA writes it. */
    public String describe(String base) {
        return withoutMarker(base) + " " + marker();
    }

    /**
     * "(TEMPORARY - registered 2023-02-17, extension registered 2024-01-12, expires 2025-02-17)"
     */
    public String marker() {
        return "(TEMPORARY - registered "
                + registered
                + (extended == null ? "" : ", extension registered " + extended)
                + ", expires "
                + expires
                + ")";
    }

    /**
     * The allocation after its one extension, registered on {@code day}: a year more from the
     * current expiry. A second extension, or one after expiry, is refused (409).
     */
    public EarlyAllocation extendedOn(LocalDate day) {
        if (extended != null) {
            throw ProblemException.conflict(
                    "this early allocation was extended on "
                            + extended
                            + "; RFC 7120 §3.3 allows one extension");
        }
        if (expiredOn(day)) {
            throw ProblemException.conflict(
                    "this early allocation expired on " + expires + "; it cannot be extended");
        }
        return new EarlyAllocation(registered, day, expires.plusYears(YEARS));
    }

    /** True once {@code day} is after the expiry date (the allocation holds through that day). */
    public boolean expiredOn(LocalDate day) {
        return day.isAfter(expires);
    }

    /** True from {@code days} days before expiry until it expires: time to remind. */
    public boolean expiresWithin(LocalDate day, int days) {
        return !expiredOn(day) && !day.plusDays(days).isBefore(expires);
    }
}
