package dev.portreg.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portreg.account.AccountSeeds.Outcome;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountSeedsTest {

    private static final String GOOD = "Walnut ferry comet 2025";

    @Inject AccountSeeds seeds;
    @Inject TestAccounts testAccounts;

    @Test
    void theConfiguredOperatorWasCreatedAtStart() {
        // %test.portreg.admin.username=test-operator: created by the first start on this schema.
        assertEquals(List.of("requester", "iana"), testAccounts.rolesNow("test-operator"));
    }

    @Test
    void createsTheOperatorWhenNobodyHoldsIana() {
        String name = TestAccounts.uniqueName();
        assertEquals(
                Outcome.CREATED, seeds.bootstrapOperator(Optional.of(name), Optional.of(GOOD), 0));
        assertEquals(List.of("requester", "iana"), testAccounts.rolesNow(name));
    }

    @Test
    void createsNothingWhileSomeoneHoldsIana() {
        String name = TestAccounts.uniqueName();
        assertEquals(
                Outcome.OPERATOR_EXISTS,
                seeds.bootstrapOperator(Optional.of(name), Optional.of(GOOD), 1));
        assertFalse(testAccounts.existsNow(name));
    }

    @Test
    void refusesAWeakPasswordAndCreatesNothing() {
        String name = TestAccounts.uniqueName();
        assertEquals(
                Outcome.REFUSED,
                seeds.bootstrapOperator(Optional.of(name), Optional.of("password123"), 0));
        assertEquals(
                Outcome.REFUSED,
                seeds.bootstrapOperator(Optional.of(name), Optional.of(name + "-admin-pw"), 0));
        assertFalse(testAccounts.existsNow(name));
    }

    @Test
    void neverPromotesAnExistingAccount() {
        String existing = testAccounts.create();
        assertEquals(
                Outcome.REFUSED,
                seeds.bootstrapOperator(Optional.of(existing), Optional.of(GOOD), 0));
        assertEquals(List.of("requester"), testAccounts.rolesNow(existing));
    }

    @Test
    void doesNothingWhenNotConfigured() {
        assertEquals(
                Outcome.NOT_CONFIGURED,
                seeds.bootstrapOperator(Optional.empty(), Optional.of(GOOD), 0));
        assertEquals(
                Outcome.NOT_CONFIGURED,
                seeds.bootstrapOperator(Optional.of("someone"), Optional.empty(), 0));
    }
}
