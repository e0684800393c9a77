package dev.portreg.common;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Bean Validation constraint for free text ({@link TextRules}): at most {@link #max} characters
 * (code points) and no control characters but line breaks. Null passes. The message says which rule
 * broke and where, as {@link TextRules} words it.
 */
@Documented
@Constraint(validatedBy = FreeText.Check.class)
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface FreeText {

    /** The most characters (code points) the text may hold. */
    int max();

    String message() default "is too long or holds control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Applies {@link TextRules}: the length first, then the characters. */
    class Check implements ConstraintValidator<FreeText, String> {

        private int max;

        @Override
        public void initialize(FreeText constraint) {
            this.max = constraint.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String why = TextRules.lengthProblem(value, max);
            if (why == null) {
                why = TextRules.controlProblem(value);
            }
            return Violations.accept(why, context);
        }
    }
}
