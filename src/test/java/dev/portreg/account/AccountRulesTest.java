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
        assertNull(AccountRules.passwordProblem("rita", "correct horse battery"));
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
    }

    @Test
    void refusesPasswordsOfFewCharacters() {
        assertTrue(
                AccountRules.passwordProblem("rita", "aaaaaaaaaaaa").startsWith("is too simple"));
        assertTrue(
                AccountRules.passwordProblem("rita", "abababababab").startsWith("is too simple"));
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
        for (DevAccounts.DevAccount d : DevAccounts.ALL) {
            assertEquals(
                    List.of(), AccountRules.check(d.username(), d.name(), d.email(), d.password()));
        }
    }
}
