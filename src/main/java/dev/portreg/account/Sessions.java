package dev.portreg.account;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Page sessions kept in PostgreSQL (table account_session): the cookie holds a random token, the
 * table its SHA-256. A session ends when its row goes: on sign-out, when the password or the roles
 * change, after {@code idle-timeout} without a request or {@code max-age} after sign-in. Every
 * instance reads the same rows, so a session ended on one is ended on all.
 *
 * <p>Sessions age in real time (the database's clock), not the application's Clock that tests move
 * forward to end a community call.
 */
@ApplicationScoped
public class Sessions {

    /** How often the last-seen time is written at most, per session. */
    private static final int TOUCH_SECONDS = 60;

    /** A live session and the account it belongs to. */
    record Live(
            long sessionId,
            long accountId,
            String username,
            List<String> roles,
            boolean mustChangePassword) {}

    private final AgroalDataSource dataSource;
    private final SecurityConfig config;

    Sessions(AgroalDataSource dataSource, SecurityConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Starts a session for the account; returns the cookie's token. */
    String start(long accountId, String address) {
        String token = Secrets.newToken();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO account_session (account_id, token_hash, created_at,"
                                        + " seen_at, expires_at, address) VALUES (?, ?, now(),"
                                        + " now(), now() + ? * interval '1 second', ?)")) {
            ps.setLong(1, accountId);
            ps.setBytes(2, Secrets.sha256(token));
            ps.setLong(3, config.session().maxAge().toSeconds());
            ps.setString(4, address);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
        return token;
    }

    /** The live session of a cookie's token, if there is one; refreshes its last-seen time. */
    Optional<Live> find(String token) {
        if (!Secrets.plausible(token, 43)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            Live live;
            boolean stale;
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT s.id, a.id, a.username, a.must_change_password,"
                                    + " array(SELECT r.role FROM account_role r"
                                    + " WHERE r.account_id = a.id),"
                                    + " s.seen_at < now() - ? * interval '1 second'"
                                    + " FROM account_session s JOIN account a ON a.id = s.account_id"
                                    + " WHERE s.token_hash = ? AND s.expires_at > now()"
                                    + " AND s.seen_at > now() - ? * interval '1 second'")) {
                ps.setInt(1, TOUCH_SECONDS);
                ps.setBytes(2, Secrets.sha256(token));
                ps.setLong(3, config.session().idleTimeout().toSeconds());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    live =
                            new Live(
                                    rs.getLong(1),
                                    rs.getLong(2),
                                    rs.getString(3),
                                    roles(rs.getArray(5)),
                                    rs.getBoolean(4));
                    stale = rs.getBoolean(6);
                }
            }
            if (stale) {
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE account_session SET seen_at = now() WHERE id = ?")) {
                    ps.setLong(1, live.sessionId());
                    ps.executeUpdate();
                }
            }
            return Optional.of(live);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Ends the session of this cookie's token (sign-out); false when there was none. */
    boolean end(String token) {
        if (!Secrets.plausible(token, 43)) {
            return false;
        }
        return update("DELETE FROM account_session WHERE token_hash = ?", Secrets.sha256(token))
                > 0;
    }

    /** Ends every session of an account but {@code keep} (null: all of them). */
    int endAll(long accountId, Long keep) {
        if (keep == null) {
            return update("DELETE FROM account_session WHERE account_id = ?", accountId);
        }
        return update(
                "DELETE FROM account_session WHERE account_id = ? AND id <> ?", accountId, keep);
    }

    /** How many live sessions an account has (tests, the account page). */
    int count(long accountId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM account_session WHERE account_id = ?"
                                        + " AND expires_at > now()")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static List<String> roles(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add((String) o);
            }
        }
        return out;
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("sessions: " + e.getMessage(), e);
    }
}
