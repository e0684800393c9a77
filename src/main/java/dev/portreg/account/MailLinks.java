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
 * Single-use, expiring links mailed to an address (table mail_link): the mail holds a random token,
 * the table its SHA-256. Using a link marks it used in the same statement that checks it, so two
 * clicks cannot both succeed; a new link of the same purpose voids the older ones.
 */
@ApplicationScoped
class MailLinks {

    enum Purpose {
        VERIFY_EMAIL("verify-email"),
        RESET_PASSWORD("reset-password");

        final String slug;

        Purpose(String slug) {
            this.slug = slug;
        }
    }

    /** A link that is still good: whose account, sent to which address. */
    record Link(long id, long accountId, String email) {}

    private final AgroalDataSource dataSource;
    private final Clock clock;

    MailLinks(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Makes a link for the account's address; returns the token for the mail. */
    String create(Purpose purpose, long accountId, String email, Duration ttl) {
        String token = Secrets.newToken();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "UPDATE mail_link SET used_at = ? WHERE account_id = ?"
                                    + " AND purpose = ? AND used_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, accountId);
                ps.setString(3, purpose.slug);
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO mail_link (purpose, account_id, email, token_hash,"
                                    + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, purpose.slug);
                ps.setLong(2, accountId);
                ps.setString(3, email);
                ps.setBytes(4, Secrets.sha256(token));
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setTimestamp(6, Timestamp.from(now.plus(ttl)));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return token;
    }

    /** The link if it is still good, without using it (the page that asks to confirm). */
    Optional<Link> peek(Purpose purpose, String token) {
        if (!Secrets.plausible(token, 43)) {
            return Optional.empty();
        }
        return one(
                "SELECT id, account_id, email FROM mail_link WHERE token_hash = ? AND purpose = ?"
                        + " AND used_at IS NULL AND expires_at > ?",
                token,
                purpose,
                null);
    }

    /** Uses the link: empty when it is unknown, used or expired. */
    Optional<Link> use(Purpose purpose, String token) {
        if (!Secrets.plausible(token, 43)) {
            return Optional.empty();
        }
        return one(
                "UPDATE mail_link SET used_at = ? WHERE token_hash = ? AND purpose = ?"
                        + " AND used_at IS NULL AND expires_at > ? RETURNING id, account_id, email",
                token,
                purpose,
                clock.instant());
    }

    private Optional<Link> one(String sql, String token, Purpose purpose, Instant usedAt) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (usedAt != null) {
                ps.setTimestamp(i++, Timestamp.from(usedAt));
            }
            ps.setBytes(i++, Secrets.sha256(token));
            ps.setString(i++, purpose.slug);
            ps.setTimestamp(i, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Link(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("mail links: " + e.getMessage(), e);
    }
}
