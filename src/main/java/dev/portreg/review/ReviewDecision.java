package dev.portreg.review;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
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
        return Slugs.parse(ReviewDecision.class, text, d -> d.slug);
    }

    @JsonValue
    public String slug() {
        return slug;
    }
}
