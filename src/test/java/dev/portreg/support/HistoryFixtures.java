package dev.portreg.support;

import dev.portreg.account.AccountService;
import dev.portreg.account.Registration;
import dev.portreg.exchange.ImportResult;
import dev.portreg.exchange.RegistryImporter;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryChanges;
import dev.portreg.registry.RegistryPlans;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * What history and import tests build on: the sample registry seeded, then imported again from
 * sample-modified.xml (newsvc 938/tcp added, rndc 953/tcp's description changed, www-http 80/udp
 * removed), accounts with roles, and direct reads of the tables for assertions.
 */
@ApplicationScoped
public class HistoryFixtures {

    public static final String PASSWORD = "Seven tidy walruses 42";

    private final AccountService accounts;
    private final RegistryImporter importer;
    private final Registry registry;
    private final AgroalDataSource dataSource;
    private final TestDb db;

    HistoryFixtures(
            AccountService accounts,
            RegistryImporter importer,
            Registry registry,
            AgroalDataSource dataSource,
            TestDb db) {
        this.accounts = accounts;
        this.importer = importer;
        this.registry = registry;
        this.dataSource = dataSource;
        this.db = db;
    }

    /** The two imports a history test looks at. */
    public record Imported(ImportResult seed, ImportResult modified) {}

    /** Empties the registry, seeds it from sample.xml, then imports sample-modified.xml. */
    public Imported sampleThenModified() {
        ImportResult seed = seedSample();
        ImportResult modified = importer.importFrom(path("/iana/sample-modified.xml"), "tester");
        return new Imported(seed, modified);
    }

    /** Empties the registry and seeds it from sample.xml. */
    public ImportResult seedSample() {
        return db.resetTo(path("/iana/sample.xml"), "tester");
    }

    /** Leaves the registry as sample.xml, as other test classes expect to find it. */
    public void leaveTheSample() {
        db.resetTo(path("/iana/sample.xml"));
    }

    /** A new account with a unique name holding requester and {@code roles}. */
    public String account(String... roles) {
        String username = "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        accounts.register(
                new Registration(
                        username, PASSWORD, "Test " + username, username + "@example.org"));
        if (roles.length > 0) {
            accounts.setRoles(username, List.of(roles));
        }
        return username;
    }

    /** A test resource ("/iana/sample.xml") as a file path the importer can read. */
    public static String path(String resource) {
        try {
            return Path.of(HistoryFixtures.class.getResource(resource).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of a test resource. */
    public static byte[] bytes(String resource) {
        try (InputStream in = HistoryFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count(String sql, Object... args) {
        return Long.parseLong(rows(sql, args).get(0).get(0));
    }

    public List<List<String>> rows(String sql, Object... args) {
        return db.rows(sql, args);
    }

    /** Entries, people, holdings, info and history rows, and a digest of every entry row. */
    public List<String> state() {
        return rows("SELECT (SELECT count(*) FROM registry_entry)::text,"
                        + " (SELECT count(*) FROM person)::text,"
                        + " (SELECT count(*) FROM port_holding)::text,"
                        + " (SELECT count(*) FROM registry_change)::text,"
                        + " (SELECT count(*) FROM registry_change_item)::text,"
                        + " (SELECT coalesce(max(imported_at)::text, '') FROM registry_info),"
                        + " (SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY id), ''))"
                        + " FROM registry_entry e)")
                .get(0);
    }

    /** How many registry_change rows there are. */
    public long changes() {
        return count("SELECT count(*) FROM registry_change");
    }

    /** Empties the registry (see {@link TestDb#clearRegistry()}). */
    public void clearRegistry() {
        db.clearRegistry();
    }

    /**
     * Records a registry action of a request, as a completed request would: a draft request of a
     * new account, and a change set linked to it that changes rndc's description.
     *
     * @return the change id and the request id
     */
    public long[] registryAction(RegistryChanges changes) {
        long requestId = requestRow("modify");
        RegistryChanges.Applied applied =
                changes.apply(
                        new RegistryChanges.Request(
                                "iana-operator",
                                requestId,
                                "request #" + requestId,
                                null,
                                ctx ->
                                        RegistryPlans.modify(
                                                        ctx.registry(),
                                                        "rndc",
                                                        "Remote name daemon control",
                                                        null,
                                                        ctx.today())
                                                .withSummary(
                                                        "Request #"
                                                                + requestId
                                                                + " (modify): rndc 953/tcp")));
        return new long[] {applied.changeId(), requestId};
    }

    /** A request of {@code kind} by a new account, as a bare row; returns its id. */
    public long requestRow(String kind) {
        String requester = account();
        return withConnection(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO port_request (kind, state, requester_id,"
                                            + " content, created_at, updated_at) SELECT"
                                            + " ?, 'draft', id, '{}', now(), now()"
                                            + " FROM account WHERE username = ? RETURNING id")) {
                        ps.setString(1, kind);
                        ps.setString(2, requester);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                });
    }

    /** Runs SQL on a connection of its own (auto-commit). */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
