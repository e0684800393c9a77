package dev.portreg.account;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts what is limited (failed sign-ins, mails) in PostgreSQL, so every instance sees the same
 * counts: a sliding window per subject ("account:alice", "address:203.0.113.7"). Sign-in runs
 * outside any transaction, so a failure is counted at once; a mail counted inside a transaction is
 * counted only if that transaction commits (the mail is sent only then).
 */
@ApplicationScoped
class Throttle {

    /** What is counted; the slugs are the database CHECK's. */
    enum Kind {
        SIGN_IN_FAILURE("sign-in-failure"),
        REGISTRATION("registration"),
        VERIFICATION_MAIL("verification-mail"),
        RESET_MAIL("reset-mail");

        final String slug;

        Kind(String slug) {
            this.slug = slug;
        }
    }

    /** At most {@code max} events per subject within {@code window}. */
    record Limit(int max, Duration window) {}

    static String account(String username) {
        return "account:" + username;
    }

    static String address(String address) {
        return "address:" + address;
    }

    static String email(String email) {
        return "email:" + email;
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;

    Throttle(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** How many events {@code subject} has within the window now. */
    int count(Kind kind, Limit limit, String subject) {
        Instant now = clock.instant();
        try (Connection c = connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM throttle_event"
                                        + " WHERE kind = ? AND subject = ? AND at > ?")) {
            ps.setString(1, kind.slug);
            ps.setString(2, subject);
            ps.setTimestamp(3, Timestamp.from(now.minus(limit.window())));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * How long until every subject is under its limit again, or empty when none is at it: the
     * oldest counted event of a full subject leaves the window then.
     */
    Optional<Duration> blockedFor(Kind kind, Limit limit, String... subjects) {
        Instant now = clock.instant();
        Instant from = now.minus(limit.window());
        Duration longest = null;
        try (Connection c = connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                // The max-th newest event: once it leaves the window, there are
                                // fewer than max left.
                                "SELECT at FROM throttle_event WHERE kind = ? AND subject = ?"
                                        + " AND at > ? ORDER BY at DESC OFFSET ? LIMIT 1")) {
            for (String subject : subjects) {
                ps.setString(1, kind.slug);
                ps.setString(2, subject);
                ps.setTimestamp(3, Timestamp.from(from));
                ps.setInt(4, limit.max() - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Instant free = rs.getTimestamp(1).toInstant().plus(limit.window());
                        Duration wait = Duration.between(now, free);
                        if (wait.isNegative() || wait.isZero()) {
                            wait = Duration.ofSeconds(1);
                        }
                        if (longest == null || wait.compareTo(longest) > 0) {
                            longest = wait;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return Optional.ofNullable(longest);
    }

    /** Counts one event for each subject; old events of these subjects are dropped meanwhile. */
    void record(Kind kind, Limit limit, String... subjects) {
        Instant now = clock.instant();
        try (Connection c = connection();
                PreparedStatement insert =
                        c.prepareStatement(
                                "INSERT INTO throttle_event (kind, subject, at) VALUES (?, ?, ?)");
                PreparedStatement prune =
                        c.prepareStatement(
                                "DELETE FROM throttle_event WHERE kind = ? AND subject = ?"
                                        + " AND at < ?")) {
            for (String subject : subjects) {
                insert.setString(1, kind.slug);
                insert.setString(2, subject);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.addBatch();
                prune.setString(1, kind.slug);
                prune.setString(2, subject);
                prune.setTimestamp(3, Timestamp.from(now.minus(limit.window())));
                prune.addBatch();
            }
            insert.executeBatch();
            prune.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Forgets the events of these subjects (a successful sign-in resets its counts). */
    void clear(Kind kind, String... subjects) {
        try (Connection c = connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "DELETE FROM throttle_event WHERE kind = ? AND subject = ?")) {
            for (String subject : subjects) {
                ps.setString(1, kind.slug);
                ps.setString(2, subject);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Whether any of these subjects has events now (so a success knows whether to clear). */
    boolean any(Kind kind, Limit limit, String... subjects) {
        for (String s : subjects) {
            if (count(kind, limit, s) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The caller's transaction's connection when there is one, else an auto-commit one. */
    private Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("throttle: " + e.getMessage(), e);
    }
}
