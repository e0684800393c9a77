package dev.portreg.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.common.ProblemException;
import dev.portreg.exchange.OperatorImports.Prepared;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Previewed imports waiting for the operator's "Apply", kept in PostgreSQL (table import_preview)
 * under a random token bound to the operator who previewed them, so that a preview made on one
 * instance can be applied on any other. The file itself is kept (compressed) and read again at
 * Apply; what it then does is checked against the preview by revision: if the registry moved since,
 * Apply is refused.
 *
 * <p>Bounded: a preview lives {@link #TTL}; an operator has at most one waiting (a new preview
 * replaces the old); at most {@link #MAX_WAITING} wait at once. After it is applied, the token
 * keeps only the small report, for the result page, until it expires too.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class PendingImports {

    public static final Duration TTL = Duration.ofMinutes(15);

    public static final int MAX_WAITING = 4;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token stands for. */
    public enum State {
        WAITING,
        APPLYING,
        APPLIED;

        String slug() {
            return name().toLowerCase();
        }
    }

    /**
     * One import: its report (the preview's, or once applied the result's), and what Apply needs.
     *
     * @param content the file, only when claimed for applying
     */
    public record Pending(
            String token,
            String owner,
            State state,
            ImportReport report,
            Instant expires,
            long baseRevision,
            String source,
            String field,
            LocalDate registryDate,
            boolean force,
            byte[] content) {}

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    PendingImports(AgroalDataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Keeps a prepared import for {@code owner}; returns its token. Replaces the owner's waiting
     * import, if any.
     *
     * @throws ProblemException 503 when {@link #MAX_WAITING} imports already wait
     */
    public String put(String owner, Prepared prepared, ImportReport preview) {
        Instant now = clock.instant();
        String token = newToken();
        return write(
                c -> {
                    purge(c, now);
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "DELETE FROM import_preview WHERE owner = ? AND state = 'waiting'")) {
                        ps.setString(1, owner);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps =
                                    c.prepareStatement(
                                            "SELECT count(*) FROM import_preview WHERE state <> 'applied'");
                            ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) >= MAX_WAITING) {
                            throw new ProblemException(
                                    503,
                                    "Too many imports waiting",
                                    MAX_WAITING
                                            + " previewed imports are waiting to be applied. Try"
                                            + " again when one is applied or has expired (after "
                                            + TTL.toMinutes()
                                            + " minutes).",
                                    null);
                        }
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO import_preview (token, owner, state, created_at,"
                                            + " expires_at, base_revision, source, field,"
                                            + " registry_date, force_older, content, report)"
                                            + " VALUES (?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?, ?,"
                                            + " ?::jsonb)")) {
                        ps.setString(1, token);
                        ps.setString(2, owner);
                        ps.setTimestamp(3, Timestamp.from(now));
                        ps.setTimestamp(4, Timestamp.from(now.plus(TTL)));
                        ps.setLong(5, prepared.preview().revision());
                        ps.setString(6, prepared.source());
                        ps.setString(7, prepared.field());
                        ps.setObject(8, prepared.options().registryDate());
                        ps.setBoolean(9, prepared.options().force());
                        ps.setBytes(10, gzip(prepared.content()));
                        ps.setString(11, text(preview));
                        ps.executeUpdate();
                    }
                    return token;
                });
    }

    /** The import under a token, if it exists, has not expired and belongs to {@code owner}. */
    public Optional<Pending> find(String token, String owner) {
        if (!looksLikeToken(token)) {
            return Optional.empty();
        }
        return write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT token, owner, state, report, expires_at,"
                                            + " base_revision, source, field, registry_date,"
                                            + " force_older FROM import_preview"
                                            + " WHERE token = ? AND owner = ? AND expires_at > ?")) {
                        ps.setString(1, token);
                        ps.setString(2, owner);
                        ps.setTimestamp(3, Timestamp.from(clock.instant()));
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(pending(rs, null)) : Optional.empty();
                        }
                    }
                });
    }

    /**
     * Takes a waiting import to apply it: from now on nobody else can, on any instance. Returns
     * empty when the token is unknown, expired, someone else's, or already being applied or
     * applied.
     */
    public Optional<Pending> claim(String token, String owner) {
        if (!looksLikeToken(token)) {
            return Optional.empty();
        }
        return write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE import_preview SET state = 'applying'"
                                            + " WHERE token = ? AND owner = ? AND state = 'waiting'"
                                            + " AND expires_at > ? RETURNING token, owner, state,"
                                            + " report, expires_at, base_revision, source, field,"
                                            + " registry_date, force_older, content")) {
                        ps.setString(1, token);
                        ps.setString(2, owner);
                        ps.setTimestamp(3, Timestamp.from(clock.instant()));
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next()
                                    ? Optional.of(pending(rs, gunzip(rs.getBytes(11))))
                                    : Optional.empty();
                        }
                    }
                });
    }

    /** Records what a claimed import did; the file is let go. */
    public void applied(String token, ImportReport report) {
        write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE import_preview SET state = 'applied', content = NULL,"
                                            + " report = ?::jsonb, expires_at = ? WHERE token = ?")) {
                        ps.setString(1, text(report));
                        ps.setTimestamp(2, Timestamp.from(clock.instant().plus(TTL)));
                        ps.setString(3, token);
                        return ps.executeUpdate();
                    }
                });
    }

    /** Forgets a claimed import that failed: it cannot be applied as previewed. */
    public void drop(String token) {
        write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("DELETE FROM import_preview WHERE token = ?")) {
                        ps.setString(1, token);
                        return ps.executeUpdate();
                    }
                });
    }

    /** How many imports are kept, in any state, not expired. */
    public int size() {
        return write(
                c -> {
                    purge(c, clock.instant());
                    try (PreparedStatement ps =
                                    c.prepareStatement("SELECT count(*) FROM import_preview");
                            ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                });
    }

    private static void purge(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM import_preview WHERE expires_at <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    private Pending pending(ResultSet rs, byte[] content) throws SQLException {
        java.sql.Date date = rs.getDate(9);
        return new Pending(
                rs.getString(1),
                rs.getString(2),
                State.valueOf(rs.getString(3).toUpperCase()),
                report(rs.getString(4)),
                rs.getTimestamp(5).toInstant(),
                rs.getLong(6),
                rs.getString(7),
                rs.getString(8),
                date == null ? null : date.toLocalDate(),
                rs.getBoolean(10),
                content);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the import previews: " + e.getMessage(), e);
        }
    }

    private String text(ImportReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportReport report(String text) {
        try {
            return text == null ? null : json.readValue(text, ImportReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable import report: " + e.getMessage(), e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 8 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] content) {
        if (content == null) {
            return null;
        }
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return z.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 256 random bits, URL-safe. */
    private static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether text has the shape of a token, so anything else is refused before a lookup. */
    public static boolean looksLikeToken(String text) {
        return text != null && text.matches("[A-Za-z0-9_-]{43}");
    }
}
