package dev.portreg.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A person registers, signs in and out in a real browser: cookies, CSRF field and redirects. */
@QuarkusTest
class AccountJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Inject TestAccounts testAccounts;

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void type(String id, String text) {
        browser.driver().findElement(By.id(id)).clear();
        browser.driver().findElement(By.id(id)).sendKeys(text);
    }

    private String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    @Test
    void registerSignInAndSignOut() {
        String username = TestAccounts.uniqueName();
        browser.visit(url("/register"));
        type("username", username);
        type("name", "Jon Postel");
        type("email", "jon@example.org");
        type("password", "Sapphire turnip 1700 engine");
        type("confirm", "Sapphire turnip 1700 engine");
        browser.screenshot(Path.of("target/screenshots/account-register.png"));
        browser.clickAndWait(By.cssSelector("#register button[type=submit]"));

        assertTrue(browser.driver().getCurrentUrl().endsWith("/login?registered=" + username));
        assertTrue(text(".flash-success").contains(username));
        assertEquals(List.of("requester"), testAccounts.rolesNow(username));

        // The username is filled in; the password is not.
        type("password", "Sapphire turnip 1700 engine");
        browser.clickAndWait(By.cssSelector("form[action='/login'] button"));

        browser.visit(url("/logout"));
        assertTrue(text(".account-logout").contains("You are signed in as " + username));
        browser.clickAndWait(By.cssSelector(".account-logout button"));

        browser.visit(url("/logout"));
        assertTrue(text(".account-logout").contains("You are not signed in"));
    }

    @Test
    void aWrongPasswordShowsTheErrorOnTheLoginPage() {
        String username = testAccounts.create();
        browser.visit(url("/login"));
        type("username", username);
        type("password", "not my password");
        browser.clickAndWait(By.cssSelector("form[action='/login'] button"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/login"));
        assertEquals("Wrong username or password.", text(".flash-error"));
    }
}
