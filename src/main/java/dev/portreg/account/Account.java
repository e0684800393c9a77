package dev.portreg.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A person who can sign in: with the sign-in form on pages (a server-side session), with HTTP Basic
 * or a personal token on the API. {@link PasswordIdentityProvider} checks passwords (BCrypt in
 * Modular Crypt Format) and builds the identity with the roles. Never sent on the wire: {@link
 * AccountView} is.
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Lower-case, 3-32 of {@code [a-z0-9._-]}. */
    @Column(nullable = false)
    public String username;

    /** {@code BcryptUtil.bcryptHash(clear)}: "$2a$10$...". */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * When its owner followed the link mailed to {@link #email}; null while unverified. Only a
     * verified address makes the account the Assignee or Contact of registry entries, and only a
     * verified account submits requests.
     */
    @Column(name = "email_verified_at")
    public Instant emailVerifiedAt;

    /** Set for a password an operator configured: it must be changed at the first sign-in. */
    @Column(name = "must_change_password", nullable = false)
    public boolean mustChangePassword;

    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;

    /** Names from {@link Roles}; always contains "requester". */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "role", nullable = false)
    public Set<String> roles = new LinkedHashSet<>();

    /** The address, if its owner verified it; else null. */
    public String verifiedEmail() {
        return emailVerifiedAt == null ? null : email;
    }
}
