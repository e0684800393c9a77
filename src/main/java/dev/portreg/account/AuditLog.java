package dev.portreg.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The security log (table audit_event, insert-only): who failed to sign in and from where, who was
 * locked out, who changed whose roles, who made or revoked a token, changed or reset a password,
 * linked an account to a registry person. Operators read it ({@code GET /api/v1/audit}, {@code
 * /admin/audit}).
 *
 * <p>An event is written on the connection of the transaction that is running, so a role change and
 * its event commit together; outside a transaction (a failed sign-in) it commits at once.
 */
@ApplicationScoped
public class AuditLog {

    /** The kinds of event; the slugs are the database CHECK's. */
    public enum Kind {
        SIGN_IN("sign-in"),
        SIGN_IN_FAILED("sign-in-failed"),
        LOCKED_OUT("locked-out"),
        SIGNED_OUT("signed-out"),
        REGISTERED("registered"),
        EMAIL_VERIFIED("email-verified"),
        PASSWORD_CHANGED("password-changed"),
        PASSWORD_RESET_REQUESTED("password-reset-requested"),
        PASSWORD_RESET("password-reset"),
        ROLES_CHANGED("roles-changed"),
        TOKEN_CREATED("token-created"),
        TOKEN_REVOKED("token-revoked"),
        PERSON_LINKED("person-linked"),
        PERSON_UNLINKED("person-unlinked");

        public final String slug;

        Kind(String slug) {
            this.slug = slug;
        }

        static Optional<Kind> parse(String text) {
            for (Kind k : values()) {
                if (k.slug.equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One event as operators see it.
     *
     * @param actor who acted (null for an anonymous attempt)
     * @param subject the account concerned, as typed for a failed sign-in
     */
    public record Event(
            long id,
            Instant at,
            String kind,
            String actor,
            String subject,
            String address,
            Map<String, Object> detail) {}

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final ObjectMapper json;

    AuditLog(AgroalDataSource dataSource, Clock clock, ObjectMapper json) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.json = json;
    }

    /** Records an event; {@code detail} may be null. */
    public void record(
            Kind kind, String actor, String subject, String address, Map<String, ?> detail) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO audit_event (at, kind, actor, subject, address, detail)"
                                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, kind.slug);
            ps.setString(3, cut(actor, 64));
            ps.setString(4, cut(subject, 300));
            ps.setString(5, cut(address, 64));
            ps.setString(6, detail == null ? null : json.writeValueAsString(detail));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write the audit log: " + e.getMessage(), e);
        }
        Log.infof(
                "audit %s actor=%s subject=%s address=%s %s",
                kind.slug, actor, subject, address, detail == null ? "" : detail);
    }

    /**
     * The newest events first.
     *
     * @param beforeId only events older than this id (paging), or 0
     * @param kind only this kind, or null
     * @param subject only events about this account (or typed name), or null
     */
    public List<Event> list(int limit, long beforeId, Kind kind, String subject) {
        StringBuilder sql =
                new StringBuilder(
                        "SELECT id, at, kind, actor, subject, address, detail FROM audit_event"
                                + " WHERE true");
        List<Object> args = new ArrayList<>();
        if (beforeId > 0) {
            sql.append(" AND id < ?");
            args.add(beforeId);
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind.slug);
        }
        if (subject != null && !subject.isBlank()) {
            sql.append(" AND (subject = ? OR actor = ?)");
            args.add(subject.strip());
            args.add(subject.strip());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        List<Event> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String detail = rs.getString(7);
                    out.add(
                            new Event(
                                    rs.getLong(1),
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    detail == null ? null : json.readValue(detail, MAP)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getMessage(), e);
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
