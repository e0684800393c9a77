package dev.portreg.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four transport protocols with a 16-bit port space that the registry covers. */
public enum Transport {
    TCP,
    UDP,
    SCTP,
    DCCP;

    public static final List<Transport> ALL = List.of(values());

    /** The lower-case name used in IANA's files, the API and URLs ("tcp"). */
    @JsonValue
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "tcp", "TCP", ...; empty when the text names no transport. */
    public static Optional<Transport> parse(String text) {
        return Slugs.parse(Transport.class, text, Transport::slug);
    }

    @Override
    public String toString() {
        return slug();
    }
}
