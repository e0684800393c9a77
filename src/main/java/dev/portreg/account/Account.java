package dev.portreg.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
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
 * A person who can sign in, with form login on pages or HTTP Basic on the API. quarkus-security-jpa
 * reads this entity to check passwords (BCrypt in Modular Crypt Format) and to load roles. Never
 * sent on the wire: {@link AccountView} is.
 */
@Entity
@Table(name = "account")
@UserDefinition
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Lower-case, 3-32 of {@code [a-z0-9._-]}. */
    @Username
    @Column(nullable = false)
    public String username;

    /** {@code BcryptUtil.bcryptHash(clear)}: "$2a$10$...". */
    @Password(PasswordType.MCF)
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Names from {@link Roles}; always contains "requester". */
    @io.quarkus.security.jpa.Roles
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "role", nullable = false)
    public Set<String> roles = new LinkedHashSet<>();
}
