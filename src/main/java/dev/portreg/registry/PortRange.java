package dev.portreg.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
import java.util.Locale;
import java.util.Optional;

/** The three ranges of every transport's port space (RFC 6335 §6). */
public enum PortRange {
    SYSTEM(0, 1023, "System", "Well-Known"),
    USER(1024, 49151, "User", "Registered"),
    DYNAMIC(49152, 65535, "Dynamic", "Private, Ephemeral");

    public static final int MAX_PORT = 65535;

    public final int from;
    public final int to;
    public final String label;
    public final String otherNames;

    PortRange(int from, int to, String label, String otherNames) {
        this.from = from;
        this.to = to;
        this.label = label;
        this.otherNames = otherNames;
    }

    public static PortRange of(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        return port <= SYSTEM.to ? SYSTEM : port <= USER.to ? USER : DYNAMIC;
    }

    public static boolean isPort(int port) {
        return port >= 0 && port <= MAX_PORT;
    }

    @JsonValue
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int size() {
        return to - from + 1;
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    public static Optional<PortRange> parse(String text) {
        return Slugs.parse(PortRange.class, text, PortRange::slug);
    }

    @Override
    public String toString() {
        return slug();
    }
}
