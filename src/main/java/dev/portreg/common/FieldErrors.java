package dev.portreg.common;

import dev.portreg.common.Problem.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The errors a form shows after a refusal: a message beside each input ({@link #get}), the list of
 * what to correct ({@link #items}), and a message about the form as a whole ({@link #general}). The
 * one holder of field errors for every page (the request form and its action forms, the account
 * pages); templates read it as {@code errors.get('name')}, {@code errors.any}.
 *
 * @param byInput the text beside each input; two errors on one input are joined
 * @param general a message that names no field, or null
 */
public record FieldErrors(Map<String, String> byInput, List<Item> items, String general) {

    public static final FieldErrors NONE = new FieldErrors(Map.of(), List.of(), null);

    /**
     * How a form words its errors: which input a field is typed into, what the field is called, and
     * the sentence shown. {@link #PLAIN}: the field's own name, the message as it is.
     */
    public interface Wording {
        default String input(String field) {
            return field;
        }

        default String label(String field) {
            return field;
        }

        default String text(String field, String message) {
            return message;
        }
    }

    public static final Wording PLAIN = new Wording() {};

    /** One message about a field, with the anchor of the input it belongs beside. */
    public record Item(String field, String label, String text, String anchor) {

        public static Item of(FieldError e, Wording w) {
            return new Item(
                    e.field(),
                    w.label(e.field()),
                    w.text(e.field(), e.message()),
                    "#f-" + w.input(e.field()));
        }
    }

    public static FieldErrors of(List<FieldError> errors) {
        return of(errors, PLAIN);
    }

    public static FieldErrors of(List<FieldError> errors, Wording w) {
        Map<String, String> map = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (FieldError e : errors) {
            Item item = Item.of(e, w);
            items.add(item);
            map.merge(w.input(e.field()), item.text(), (a, b) -> a + " " + b);
        }
        return new FieldErrors(Map.copyOf(map), List.copyOf(items), null);
    }

    /** One input is wrong. */
    public static FieldErrors of(String field, String message) {
        return of(List.of(new FieldError(field, message)));
    }

    /** A refusal as a form shows it: its field errors, or its message when it names no field. */
    public static FieldErrors of(ProblemException e) {
        return e.errors().isEmpty() ? general(e.getMessage()) : of(e.errors());
    }

    /** A message about the form as a whole. */
    public static FieldErrors general(String message) {
        return new FieldErrors(Map.of(), List.of(), message);
    }

    /** The message beside input {@code input}, or null. */
    public String get(String input) {
        return byInput.get(input);
    }

    public boolean any() {
        return !items.isEmpty() || general != null;
    }

    /** True when an error is about a field that {@code field} accepts. */
    public boolean touches(Predicate<String> field) {
        return items.stream().anyMatch(i -> field.test(i.field()));
    }
}
