package dev.portreg.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.Problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one holder of field errors, as the account and request pages read it. */
class FieldErrorsTest {

    @Test
    void plainErrorsSitBesideTheirField() {
        FieldErrors e =
                FieldErrors.of(
                        List.of(
                                new FieldError("name", "is required"),
                                new FieldError("email", "is not a valid email address"),
                                new FieldError("name", "must be short")));
        assertEquals("is required must be short", e.get("name"));
        assertEquals("is not a valid email address", e.get("email"));
        assertNull(e.get("password"));
        assertEquals(3, e.items().size());
        assertEquals("#f-email", e.items().get(1).anchor());
        assertTrue(e.any());
        assertTrue(e.touches("email"::equals));
        assertFalse(e.touches("password"::equals));
        assertFalse(FieldErrors.NONE.any());
    }

    @Test
    void aWordingPlacesAndPhrasesThem() {
        FieldErrors.Wording w =
                new FieldErrors.Wording() {
                    @Override
                    public String input(String field) {
                        return field.replace(".", "");
                    }

                    @Override
                    public String label(String field) {
                        return "Contact email";
                    }

                    @Override
                    public String text(String field, String message) {
                        return label(field) + " " + message;
                    }
                };
        FieldErrors e = FieldErrors.of(List.of(new FieldError("contact.email", "is required")), w);
        assertEquals("Contact email is required", e.get("contactemail"));
        assertEquals("#f-contactemail", e.items().get(0).anchor());
        assertEquals("Contact email", e.items().get(0).label());
    }

    @Test
    void aRefusalThatNamesNoFieldIsAboutTheWholeForm() {
        FieldErrors e = FieldErrors.of(ProblemException.conflict("the address is verified"));
        assertTrue(e.any());
        assertEquals("the address is verified", e.general());
        assertTrue(e.items().isEmpty());
        FieldErrors bad = FieldErrors.of(ProblemException.badInput("name", "is required"));
        assertEquals("is required", bad.get("name"));
        assertNull(bad.general());
    }
}
