package dev.portreg.review;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** What a reviewer decides. */
public enum ReviewDecision {
    APPROVE("approve"),
    REQUEST_CHANGES("request-changes"),
    REJECT("reject");

    public final String slug;

    ReviewDecision(String slug) {
        this.slug = slug;
    }

    public static Optional<ReviewDecision> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (ReviewDecision d : values()) {
            if (d.slug.equalsIgnoreCase(text.trim()) || d.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @JsonValue
    public String slug() {
        return slug;
    }
}
