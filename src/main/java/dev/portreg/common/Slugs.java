package dev.portreg.common;

import java.util.Optional;
import java.util.function.Function;

/** Reading enum constants from the words clients type: "tcp", "no-objection", "IESG_APPROVAL". */
public final class Slugs {

    private Slugs() {}

    /**
     * The constant of {@code type} whose slug or Java name is {@code text}, ignoring case and
     * surrounding space; empty when none is.
     */
    public static <E extends Enum<E>> Optional<E> parse(
            Class<E> type, String text, Function<E, String> slug) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        for (E e : type.getEnumConstants()) {
            if (slug.apply(e).equalsIgnoreCase(t) || e.name().equalsIgnoreCase(t)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
