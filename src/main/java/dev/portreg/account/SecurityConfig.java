package dev.portreg.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The limits of sign-in, sessions, mailed links and API tokens ({@code portreg.security.*}). Every
 * default is the documented one (README, docs/security.md).
 */
@ConfigMapping(prefix = "portreg.security")
public interface SecurityConfig {

    SignIn signIn();

    Session session();

    Mail mail();

    Tokens tokens();

    /**
     * Signs CSRF tokens (quarkus.rest-csrf.token-signature-key); {@link RandomSecretKey} when
     * unset.
     */
    String secretKey();

    /** Failed sign-ins (form and Basic), counted per account and per client address. */
    interface SignIn {
        /** Failures within {@link #window} after which further attempts answer 429. */
        @WithDefault("10")
        int maxFailures();

        @WithDefault("15M")
        Duration window();
    }

    /** Page sessions, kept in PostgreSQL. */
    interface Session {
        /** Signed out after this long without a request. */
        @WithDefault("1H")
        Duration idleTimeout();

        /** Signed out this long after signing in, whatever happens. */
        @WithDefault("12H")
        Duration maxAge();

        /**
         * Marks the cookies Secure even when the app itself is reached over plain HTTP (behind a
         * proxy that terminates TLS). Over TLS they are Secure anyway.
         */
        @WithDefault("false")
        boolean secureCookies();
    }

    /** Mailed links and how many mails a person or an address can make the app send. */
    interface Mail {
        @WithDefault("24H")
        Duration verifyLinkTtl();

        @WithDefault("1H")
        Duration resetLinkTtl();

        /** Mails (verification or reset) to one account within {@link #window}. */
        @WithDefault("3")
        int maxPerAccount();

        /** Registrations and reset requests from one client address within {@link #window}. */
        @WithDefault("10")
        int maxPerAddress();

        @WithDefault("1H")
        Duration window();
    }

    /** Personal API tokens. */
    interface Tokens {
        @WithDefault("365")
        int maxDays();

        @WithDefault("20")
        int maxPerAccount();

        /**
         * How long an instance trusts a token it has checked before asking the database again: a
         * revocation on another instance takes effect within this time (at once on its own).
         */
        @WithDefault("5S")
        Duration cacheTtl();
    }
}
