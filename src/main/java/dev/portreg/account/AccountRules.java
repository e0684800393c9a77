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
 * and a password that is not weak. Pure functions, so the rules are tested without a database; the
 * service and both adapters use them, and the migration's CHECK constraints repeat the ones the
 * database can hold.
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

    /**
     * Passwords attackers try first. Only those of {@value #PASSWORD_MIN} or more characters are
     * listed: shorter ones fail the length rule already. Compared ignoring case.
     */
    private static final Set<String> COMMON =
            Set.of(
                    "password123",
                    "password1234",
                    "password12345",
                    "password!1",
                    "password12!",
                    "passw0rd123",
                    "p@ssw0rd123",
                    "p@ssword123",
                    "1234567890",
                    "12345678910",
                    "0123456789",
                    "0987654321",
                    "123456789a",
                    "a123456789",
                    "abc1234567",
                    "abcd123456",
                    "abcdefghij",
                    "qwertyuiop",
                    "qwerty1234",
                    "qwerty12345",
                    "qwerty123456",
                    "1q2w3e4r5t",
                    "1qaz2wsx3edc",
                    "asdfghjkl1",
                    "iloveyou12",
                    "letmein123",
                    "welcome123",
                    "welcome1234",
                    "changeme123",
                    "administrator",
                    "admin12345",
                    "admin123456",
                    "football123",
                    "baseball123",
                    "sunshine123",
                    "princess123",
                    "dragon1234",
                    "monkey1234",
                    "superman123",
                    "starwars123",
                    "trustno1234",
                    "secret1234",
                    "portregistry",
                    "portregistry1",
                    "iana123456");

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
        String p = passwordProblem(username, password);
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
        if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
            return "is not a valid email address";
        }
        return null;
    }

    /** Why a password is too weak for this username, or null when it is acceptable. */
    static String passwordProblem(String username, String password) {
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
        if (COMMON.contains(lower)) {
            return "is too common: it is on the list of passwords attackers try first";
        }
        if (password.codePoints().distinct().count() < 4) {
            return "is too simple: use at least 4 different characters";
        }
        return null;
    }
}
