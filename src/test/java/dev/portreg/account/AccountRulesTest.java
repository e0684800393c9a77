package dev.portreg.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.Problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "rita", "j.doe", "a_b-c.d", "x23456789012345678901234567890ab"})
    void acceptsUsernames(String username) {
        assertNull(AccountRules.usernameProblem(username));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "ab", "x234567890123456789012345678901ab", "a b", "rité", "a/b", "a@b"})
    void refusesUsernames(String username) {
        assertTrue(AccountRules.usernameProblem(username) != null, username);
    }

    @Test
    void usernamesAreComparedLowerCase() {
        assertEquals("rita", AccountRules.normalizeUsername("  RiTa "));
        assertEquals("", AccountRules.normalizeUsername(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.org", "first.last+tag@mail.example.com"})
    void acceptsEmails(String email) {
        assertNull(AccountRules.emailProblem(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "a@@b.org", "a b@c.org", "@b.org"})
    void refusesEmails(String email) {
        assertTrue(AccountRules.emailProblem(email) != null, email);
    }

    @Test
    void namesAreRequiredAndPrintable() {
        assertNull(AccountRules.nameProblem("Rita Requester"));
        assertEquals("is required", AccountRules.nameProblem("  "));
        assertTrue(AccountRules.nameProblem("a\u0007b") != null);
        assertTrue(AccountRules.nameProblem("x".repeat(101)) != null);
    }

    @Test
    void acceptsAReasonablePassword() {
        assertNull(AccountRules.passwordProblem("rita", "Walnut ferry comet 2025"));
        assertNull(AccountRules.passwordProblem("rita", "Seven tidy walruses 42"));
    }

    @Test
    void refusesShortPasswords() {
        assertEquals(
                "is too short: use at least 10 characters",
                AccountRules.passwordProblem("rita", "Tr0ub4d&r"));
    }

    @Test
    void refusesPasswordsContainingTheUsername() {
        assertEquals(
                "must not contain the username",
                AccountRules.passwordProblem("rita", "my-RITA-secret-42"));
    }

    @Test
    void refusesCommonPasswordsIgnoringCase() {
        assertTrue(AccountRules.passwordProblem("rita", "Password123").startsWith("is too common"));
        assertTrue(AccountRules.passwordProblem("rita", "qwertyuiop").startsWith("is too common"));
        // Issue 7, finding 12: accepted before.
        assertTrue(
                AccountRules.passwordProblem("rita", "qwertyqwerty").startsWith("is too common"));
        assertTrue(
                AccountRules.passwordProblem("rita", "correct horse battery staple")
                        .startsWith("is too common"));
    }

    @Test
    void refusesRepeatsSequencesAndKeyboardWalks() {
        for (String weak :
                List.of("aaaaaaaaaaaa", "abababababab", "abcdefghijkl", "1q2w3e4r5t6y")) {
            String why = AccountRules.passwordProblem("rita", weak);
            assertTrue(why != null && why.startsWith("is too"), weak + ": " + why);
        }
    }

    @Test
    void refusesPasswordsBuiltFromTheUsersOwnWordsOrTheSite() {
        assertTrue(
                AccountRules.passwordProblem(
                                "ann",
                                "Margaret Hamilton",
                                List.of("ann", "Margaret Hamilton", "margaret@example.org"))
                        .startsWith("is too"));
        assertTrue(AccountRules.passwordProblem("rita", "portregistry2024").startsWith("is too"));
    }

    @Test
    void refusesPasswordsBcryptWouldCut() {
        assertTrue(
                AccountRules.passwordProblem("rita", "x1-".repeat(25)).startsWith("is too long"));
    }

    @Test
    void listsEveryBadFieldInFormOrder() {
        List<FieldError> errors = AccountRules.check("a", "", "nope", "short");
        assertEquals(
                List.of("username", "name", "email", "password"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    void devAccountsPassTheRulesTheyAreCreatedWith() {
        // Dev-mode only, passwords printed on the login page: shape rules, no strength estimate.
        for (DevAccounts.DevAccount d : DevAccounts.ALL) {
            assertEquals(
                    List.of(),
                    AccountRules.check(d.username(), d.name(), d.email(), d.password(), false));
        }
    }
}
