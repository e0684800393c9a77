package dev.portreg.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Personal API tokens ({@code Authorization: Bearer prt_...}): made by a signed-in account, shown
 * once, kept only as a SHA-256 hash, listed with their last use, revoked at will.
 *
 * <p>Checking a token costs no BCrypt: its 256 random bits are hashed with SHA-256 and looked up.
 * An instance keeps what it looked up for {@code portreg.security.tokens.cache-ttl} (5 seconds), so
 * reads with a token run at the speed of anonymous ones; a revocation or role change evicts the
 * entry on the instance that made it at once, and on every other within that time. The last-used
 * time is written at most once a minute per token, off the request thread.
 */
@ApplicationScoped
public class ApiTokens {

    /** Every token starts with this, so a leaked one is recognisable (secret scanners). */
    public static final String PREFIX = "prt_";

    static final int NAME_MAX = 100;
    private static final int TOKEN_LENGTH = PREFIX.length() + 43;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A token just made: the only time {@code token} is shown. */
    public record Created(
            long id, String name, String token, Instant createdAt, Instant expiresAt) {}

    /** A token as its owner sees it later: never the token, only its last characters. */
    public record TokenView(
            long id,
            String name,
            String hint,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            boolean expired) {}

    /** What a checked token stands for, cached for a few seconds. */
    record Checked(
            long tokenId,
            long accountId,
            String username,
            Set<String> roles,
            boolean mustChangePassword,
            Instant expiresAt) {}

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final AuditLog audit;
    private final SecurityConfig config;
    private final Cache<String, Checked> cache;
    private final Map<Long, Instant> touched = new ConcurrentHashMap<>();

    ApiTokens(AgroalDataSource dataSource, Clock clock, AuditLog audit, SecurityConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.audit = audit;
        this.config = config;
        this.cache =
                Caffeine.newBuilder()
                        .expireAfterWrite(config.tokens().cacheTtl())
                        .maximumSize(10_000)
                        .build();
    }

    /** Why a token's name is refused, or null (also the API's {@code @TokenName}). */
    static String nameProblem(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "is required: say what the token is for";
        } else if (n.length() > NAME_MAX) {
            return "must be at most " + NAME_MAX + " characters long";
        }
        return dev.portreg.common.TextRules.controlProblem(n);
    }

    /** Why a lifetime in days is refused (null: the default of 90), or null. */
    static String lifetimeProblem(Integer expiresInDays, int maxDays) {
        int days = expiresInDays == null ? 90 : expiresInDays;
        return days < 1 || days > maxDays ? "must be between 1 and " + maxDays + " days" : null;
    }

    /**
     * Makes a token for the account.
     *
     * @throws ProblemException 400 for a bad name or lifetime, 409 when the account has the most
     *     tokens it may have
     */
    public Created create(
            long accountId, String username, String name, Integer expiresInDays, String address) {
        String n = name == null ? "" : name.strip();
        checkNew(name, expiresInDays);
        int days = expiresInDays == null ? 90 : expiresInDays;
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(days));
        String token = PREFIX + Secrets.newToken();
        long id;
        try (Connection c = dataSource.getConnection()) {
            refuseTooMany(c, accountId, now);
            id = insert(c, accountId, n, token, now, expires);
        } catch (SQLException e) {
            throw failed(e);
        }
        audit.record(
                AuditLog.Kind.TOKEN_CREATED,
                username,
                username,
                address,
                Map.of("token", id, "name", n, "expiresAt", expires.toString()));
        return new Created(id, n, token, now, expires);
    }

    /**
     * Checks a new token's name and lifetime.
     *
     * @throws ProblemException 400 naming each field that is wrong
     */
    /** The name and lifetime of a new token, by the rules its API constraints share. */
    private void checkNew(String name, Integer expiresInDays) {
        List<FieldError> errors = new ArrayList<>();
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            errors.add(new FieldError("name", nameProblem));
        }
        String lifetimeProblem = lifetimeProblem(expiresInDays, config.tokens().maxDays());
        if (lifetimeProblem != null) {
            errors.add(new FieldError("expiresInDays", lifetimeProblem));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badInput(errors);
        }
    }

    /**
     * Refuses a new token when the account has as many live ones as it may.
     *
     * @throws ProblemException 409 when it has
     */
    private void refuseTooMany(Connection c, long accountId, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT count(*) FROM api_token WHERE account_id = ?"
                                + " AND revoked_at IS NULL AND expires_at > ?")) {
            ps.setLong(1, accountId);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= config.tokens().maxPerAccount()) {
                    throw ProblemException.conflict(
                            "you have "
                                    + config.tokens().maxPerAccount()
                                    + " tokens already: revoke one first");
                }
            }
        }
    }

    /** Stores a new token's hash and last four characters; returns its id. */
    private static long insert(
            Connection c, long accountId, String n, String token, Instant now, Instant expires)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO api_token (account_id, name, token_hash, hint,"
                                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)"
                                + " RETURNING id")) {
            ps.setLong(1, accountId);
            ps.setString(2, n);
            ps.setBytes(3, Secrets.sha256(token));
            ps.setString(4, token.substring(token.length() - 4));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(expires));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The account's tokens that are not revoked, newest first. */
    public List<TokenView> list(long accountId) {
        Instant now = clock.instant();
        List<TokenView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, name, hint, created_at, expires_at, last_used_at"
                                        + " FROM api_token WHERE account_id = ?"
                                        + " AND revoked_at IS NULL ORDER BY id DESC")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant expires = rs.getTimestamp(5).toInstant();
                    Timestamp used = rs.getTimestamp(6);
                    out.add(
                            new TokenView(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    "…" + rs.getString(3),
                                    rs.getTimestamp(4).toInstant(),
                                    expires,
                                    used == null ? null : used.toInstant(),
                                    !expires.isAfter(now)));
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return out;
    }

    /**
     * Revokes one of the account's tokens; it stops working at once here and within the cache time
     * on other instances.
     *
     * @throws ProblemException 404 when the account has no such token
     */
    public void revoke(long accountId, String username, long tokenId, String address) {
        int n;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE api_token SET revoked_at = ? WHERE id = ?"
                                        + " AND account_id = ? AND revoked_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setLong(2, tokenId);
            ps.setLong(3, accountId);
            n = ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
        if (n == 0) {
            throw ProblemException.notFound("You have no token #" + tokenId);
        }
        cache.asMap().values().removeIf(v -> v.tokenId() == tokenId);
        audit.record(
                AuditLog.Kind.TOKEN_REVOKED, username, username, address, Map.of("token", tokenId));
    }

    /** Forgets what this instance cached for an account (its roles or password changed). */
    void forget(long accountId) {
        cache.asMap().values().removeIf(v -> v.accountId() == accountId);
    }

    /** What a token stands for if this instance checked it a moment ago; never the database. */
    Checked cached(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return null;
        }
        Checked c = cache.getIfPresent(token);
        if (c == null || !c.expiresAt().isAfter(clock.instant())) {
            return null;
        }
        used(c);
        return c;
    }

    /** What a token stands for, from the database; empty when unknown, revoked or expired. */
    Optional<Checked> check(String token) {
        if (token == null
                || !token.startsWith(PREFIX)
                || !Secrets.plausible(token.substring(PREFIX.length()), 43)) {
            return Optional.empty();
        }
        Checked c = cached(token);
        if (c != null) {
            return Optional.of(c);
        }
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps =
                        conn.prepareStatement(
                                "SELECT t.id, a.id, a.username, a.must_change_password,"
                                        + " array(SELECT r.role FROM account_role r"
                                        + " WHERE r.account_id = a.id), t.expires_at"
                                        + " FROM api_token t JOIN account a ON a.id = t.account_id"
                                        + " WHERE t.token_hash = ? AND t.revoked_at IS NULL"
                                        + " AND t.expires_at > ?")) {
            ps.setBytes(1, Secrets.sha256(token));
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                c =
                        new Checked(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3),
                                roles(rs.getArray(5)),
                                rs.getBoolean(4),
                                rs.getTimestamp(6).toInstant());
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        cache.put(token, c);
        used(c);
        return Optional.of(c);
    }

    /** Notes a use; writes the last-used time at most once a minute per token, off this thread. */
    private void used(Checked c) {
        Instant now = clock.instant();
        Instant last = touched.get(c.tokenId());
        if (last != null && Duration.between(last, now).compareTo(TOUCH_EVERY) < 0) {
            return;
        }
        touched.put(c.tokenId(), now);
        Infrastructure.getDefaultWorkerPool()
                .execute(
                        () -> {
                            try (Connection conn = dataSource.getConnection();
                                    PreparedStatement ps =
                                            conn.prepareStatement(
                                                    "UPDATE api_token SET last_used_at = ?"
                                                            + " WHERE id = ?")) {
                                ps.setTimestamp(1, Timestamp.from(now));
                                ps.setLong(2, c.tokenId());
                                ps.executeUpdate();
                            } catch (SQLException | RuntimeException e) {
                                Log.debugf("token %d: last use not written: %s", c.tokenId(), e);
                            }
                        });
    }

    private static Set<String> roles(Array array) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add((String) o);
            }
        }
        return out;
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("api tokens: " + e.getMessage(), e);
    }
}
