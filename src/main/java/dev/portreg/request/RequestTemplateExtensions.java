package dev.portreg.request;

import dev.portreg.registry.PortRange;
import dev.portreg.registry.RegistryViews.PortView;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Display logic of the request and queue pages. */
@TemplateExtension
public final class RequestTemplateExtensions {

    private RequestTemplateExtensions() {}

    /** "2026-11-26". */
    static String day(Instant i) {
        return RequestPageViews.day(i);
    }

    /** "2026-11-26 14:05 UTC". */
    static String when(Instant i) {
        return RequestPageViews.when(i);
    }

    /** "today", "1 day", "9 days". */
    static String ageText(long days) {
        return RequestPageViews.age(days);
    }

    /** ["tcp", "udp"] → "TCP, UDP". */
    static String upperJoined(List<String> values) {
        return values == null ? "" : String.join(", ", values).toUpperCase(Locale.ROOT);
    }

    /**
     * True when a request for this port can be made: not a Dynamic port, and Unassigned on at least
     * one transport. Depends on the registry only, so the cached port page may show it.
     */
    static boolean requestable(PortView p) {
        return p.range() != PortRange.DYNAMIC
                && p.transports().stream().anyMatch(t -> t.status().free());
    }
}
