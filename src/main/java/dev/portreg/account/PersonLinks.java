package dev.portreg.account;

import dev.portreg.common.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An operator's statement that an account speaks for a registry person (by IANA person id, such as
 * "Gordon_Mangione"), for when the person's address in the registry is not the account's (or there
 * is none). Each link and unlink is an audit event naming the operator. The IESG and the IETF Chair
 * cannot be linked: their entries change only through the IESG track.
 */
@ApplicationScoped
public class PersonLinks {

    /** People whose entries change only through an IESG ballot, never by an account's claim. */
    public static final Set<String> IESG_PEOPLE = Set.of("iesg", "ietf_chair");

    private static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9._@+-]{1,200}");

    private final AgroalDataSource dataSource;
    private final AccountService accounts;
    private final AuditLog audit;
    private final Clock clock;

    PersonLinks(AgroalDataSource dataSource, AccountService accounts, AuditLog audit, Clock clock) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether a registry person id is the IESG's or the IETF Chair's. */
    public static boolean isIesg(String personId) {
        return personId != null
                && IESG_PEOPLE.contains(personId.toLowerCase(java.util.Locale.ROOT));
    }

    /** The registry people an account speaks for by an operator's link, sorted. */
    public Set<String> linked(long accountId) {
        Set<String> out = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT person_id FROM account_person WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return out;
    }

    /** The people linked to an account, by username. */
    public List<String> linked(String username) {
        return new ArrayList<>(linked(accounts.require(username).id));
    }

    /**
     * Links an account to a registry person.
     *
     * @throws ProblemException 400 for a malformed id or the IESG / IETF Chair, 404 for an unknown
     *     account
     */
    @Transactional
    public List<String> link(String actor, String username, String personId, String address) {
        Account a = accounts.require(username);
        String id = checked(personId);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO account_person (account_id, person_id, linked_by,"
                                        + " linked_at) SELECT ?, ?, (SELECT id FROM account WHERE"
                                        + " username = ?), ? ON CONFLICT DO NOTHING")) {
            ps.setLong(1, a.id);
            ps.setString(2, id);
            ps.setString(3, actor);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            if (ps.executeUpdate() > 0) {
                audit.record(
                        AuditLog.Kind.PERSON_LINKED,
                        actor,
                        a.username,
                        address,
                        Map.of("person", id));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return new ArrayList<>(linked(a.id));
    }

    /** Removes a link; 404 when there was none. */
    @Transactional
    public List<String> unlink(String actor, String username, String personId, String address) {
        Account a = accounts.require(username);
        int n;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "DELETE FROM account_person WHERE account_id = ? AND person_id = ?")) {
            ps.setLong(1, a.id);
            ps.setString(2, personId);
            n = ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
        if (n == 0) {
            throw ProblemException.notFound(
                    a.username + " is not linked to the registry person '" + personId + "'");
        }
        audit.record(
                AuditLog.Kind.PERSON_UNLINKED,
                actor,
                a.username,
                address,
                Map.of("person", personId));
        return new ArrayList<>(linked(a.id));
    }

    private static String checked(String personId) {
        String id = personId == null ? "" : personId.strip();
        if (!PERSON_ID.matcher(id).matches()) {
            throw ProblemException.badInput(
                    "person", "must be a registry person id such as Gordon_Mangione");
        }
        if (isIesg(id)) {
            throw ProblemException.badInput(
                    "person",
                    "the IESG's and the IETF Chair's entries change only through the IESG track;"
                            + " nobody is linked to them");
        }
        return id;
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("person links: " + e.getMessage(), e);
    }
}
