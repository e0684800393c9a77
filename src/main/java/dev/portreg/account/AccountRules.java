package dev.portreg.account;

import dev.portreg.common.Problem.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a new account must look like: username syntax, a name, an email address that looks like one,
 * and a password that is not easy to guess ({@link PasswordStrength}). Pure functions, so the rules
 * are tested without a database; the service and both adapters use them, and the migration's CHECK
 * constraints repeat the ones the database can hold.
 */
final class AccountRules {

    static final int USERNAME_MIN = 3;
    static final int USERNAME_MAX = 32;
    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MIN = 10;

    /** BCrypt reads only the first 72 bytes; longer passwords would silently match shorter ones. */
    static final int PASSWORD_MAX_BYTES = 72;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Names people would take for the registry's staff; only an operator's accounts use them. */
    private static final Set<String> RESERVED =
            Set.of(
                    "abuse",
                    "admin",
                    "administrator",
                    "expert",
                    "experts",
                    "hostmaster",
                    "iab",
                    "iana",
                    "iesg",
                    "ietf",
                    "noreply",
                    "no-reply",
                    "operator",
                    "postmaster",
                    "root",
                    "security",
                    "support",
                    "system",
                    "webmaster");

    private AccountRules() {}

    /** Whether a (normalized) username is kept for accounts an operator creates. */
    static boolean isReserved(String username) {
        return RESERVED.contains(username);
    }

    /** Usernames are compared and stored lower-case. */
    static String normalizeUsername(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    static String normalizeText(String value) {
        return value == null ? "" : value.strip();
    }

    /** Every problem with a new account, in form order; empty when it may be created. */
    static List<FieldError> check(String username, String name, String email, String password) {
        return check(username, name, email, password, true);
    }

    /**
     * As above; {@code strength} false skips the guessability estimate (the dev accounts, whose
     * passwords are on the dev login page on purpose, and exist nowhere else).
     */
    static List<FieldError> check(
            String username, String name, String email, String password, boolean strength) {
        List<FieldError> errors = new ArrayList<>();
        String u = usernameProblem(username);
        if (u != null) {
            errors.add(new FieldError("username", u));
        }
        String n = nameProblem(name);
        if (n != null) {
            errors.add(new FieldError("name", n));
        }
        String e = emailProblem(email);
        if (e != null) {
            errors.add(new FieldError("email", e));
        }
        String p =
                strength
                        ? passwordProblem(username, password, List.of(username, name, email))
                        : passwordShapeProblem(username, password);
        if (p != null) {
            errors.add(new FieldError("password", p));
        }
        return errors;
    }

    /** Why a (normalized) username is refused, or null. */
    static String usernameProblem(String username) {
        if (username == null || username.isEmpty()) {
            return "is required";
        }
        if (username.length() < USERNAME_MIN || username.length() > USERNAME_MAX) {
            return "must be " + USERNAME_MIN + " to " + USERNAME_MAX + " characters long";
        }
        if (!USERNAME.matcher(username).matches()) {
            return "may contain only letters a-z, digits, '.', '_' and '-'";
        }
        return null;
    }

    static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "is required";
        }
        if (name.length() > NAME_MAX) {
            return "must be at most " + NAME_MAX + " characters long";
        }
        if (CONTROL.matcher(name).find()) {
            return "must not contain control characters";
        }
        return null;
    }

    static String emailProblem(String email) {
        if (email == null || email.isBlank()) {
            return "is required";
        }
        if (email.length() > EMAIL_MAX
                || !EMAIL.matcher(email).matches()
                || CONTROL.matcher(email).find()) {
            return "is not a valid email address";
        }
        return null;
    }

    /** Why a password is too weak for this username, or null when it is acceptable. */
    static String passwordProblem(String username, String password) {
        return passwordProblem(username, password, List.of(username == null ? "" : username));
    }

    /**
     * Why a password is too weak, or null when it is acceptable: long enough, not too long for
     * BCrypt, not containing the username, and not easy to guess (common passwords, the user's own
     * words, keyboard walks, repeats...).
     */
    static String passwordProblem(String username, String password, List<String> personal) {
        String shape = passwordShapeProblem(username, password);
        if (shape != null) {
            return shape;
        }
        return PasswordStrength.problem(password, personal);
    }

    /** Length and the username: what every password must meet, dev accounts' too. */
    static String passwordShapeProblem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return "is required";
        }
        if (password.codePointCount(0, password.length()) < PASSWORD_MIN) {
            return "is too short: use at least " + PASSWORD_MIN + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            return "is too long: use at most " + PASSWORD_MAX_BYTES + " bytes";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null
                && username.length() >= USERNAME_MIN
                && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return "must not contain the username";
        }
        return null;
    }
}
