package dev.portreg.account;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.portreg.common.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Bean Validation constraints for the syntax of the account API's bodies. Each applies the rule
 * {@link AccountRules} (or {@link ApiTokens}) states, on the value as the service normalizes it, so
 * the API answers on arrival what the service would: the same field, the same reason. What needs
 * more than the field itself (a password's strength against the name and address, a reserved or
 * taken username) stays in the service. The validators are beans (Quarkus' validator takes them
 * from the container), so they may stay package-private.
 */
final class AccountConstraints {

    private AccountConstraints() {}

    /** 3-32 of a-z 0-9 . _ - once stripped and lower-cased. */
    @Documented
    @Constraint(validatedBy = UsernameCheck.class)
    @Target({FIELD, PARAMETER})
    @Retention(RUNTIME)
    @interface Username {
        String message() default "is not a valid username";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A person's name: present, at most 100 characters, no control characters. */
    @Documented
    @Constraint(validatedBy = PersonNameCheck.class)
    @Target({FIELD, PARAMETER})
    @Retention(RUNTIME)
    @interface PersonName {
        String message() default "is not a valid name";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Something that looks like an email address, at most 254 characters. */
    @Documented
    @Constraint(validatedBy = EmailCheck.class)
    @Target({FIELD, PARAMETER})
    @Retention(RUNTIME)
    @interface EmailAddress {
        String message() default "is not a valid email address";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A password's shape: present, 10 characters or more, at most 72 bytes (BCrypt). */
    @Documented
    @Constraint(validatedBy = PasswordCheck.class)
    @Target({FIELD, PARAMETER})
    @Retention(RUNTIME)
    @interface PasswordShape {
        String message() default "is not a valid password";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** What a token is for: present, at most 100 characters, no control characters. */
    @Documented
    @Constraint(validatedBy = TokenNameCheck.class)
    @Target({FIELD, PARAMETER})
    @Retention(RUNTIME)
    @interface TokenName {
        String message() default "is not a valid token name";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A token's lifetime: 1 to {@code portreg.security.tokens.max-days} days; null is 90. */
    @Documented
    @Constraint(validatedBy = TokenLifetimeCheck.class)
    @Target({FIELD, PARAMETER})
    @Retention(RUNTIME)
    @interface TokenLifetime {
        String message() default "is not a valid lifetime";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @ApplicationScoped
    static class UsernameCheck implements ConstraintValidator<Username, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.accept(
                    AccountRules.usernameProblem(AccountRules.normalizeUsername(value)), context);
        }
    }

    @ApplicationScoped
    static class PersonNameCheck implements ConstraintValidator<PersonName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.accept(
                    AccountRules.nameProblem(AccountRules.normalizeText(value)), context);
        }
    }

    @ApplicationScoped
    static class EmailCheck implements ConstraintValidator<EmailAddress, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.accept(
                    AccountRules.emailProblem(AccountRules.normalizeText(value)), context);
        }
    }

    @ApplicationScoped
    static class PasswordCheck implements ConstraintValidator<PasswordShape, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.accept(AccountRules.passwordShapeProblem(null, value), context);
        }
    }

    @ApplicationScoped
    static class TokenNameCheck implements ConstraintValidator<TokenName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.accept(ApiTokens.nameProblem(value), context);
        }
    }

    /** Reads the configured maximum. */
    @ApplicationScoped
    static class TokenLifetimeCheck implements ConstraintValidator<TokenLifetime, Integer> {

        // Looked up when used: the validator starts before the configuration mapping is ready.
        private final Provider<SecurityConfig> config;

        TokenLifetimeCheck(Provider<SecurityConfig> config) {
            this.config = config;
        }

        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            return Violations.accept(
                    ApiTokens.lifetimeProblem(value, config.get().tokens().maxDays()), context);
        }
    }
}
