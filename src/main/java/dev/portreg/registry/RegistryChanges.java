package dev.portreg.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one write path of the registry. Every change — a seed, an import, a request's registry
 * action, an operator's fix — is one change set of the log, written here: under the registry lock,
 * on the registry proven current at the newest revision, the intent is planned again (so what is
 * written is what the rules allow now) and the plan is written with the next revision, its items,
 * and the tables of the current registry derived from them, in the caller's transaction. After the
 * commit, PostgreSQL notifies every instance of the new revision, and this one catches up at once.
 */
@ApplicationScoped
public class RegistryChanges {

    /**
     * A change to make.
     *
     * @param actor who makes it: an account's username, or "system"
     * @param requestId the request whose registry action it is, or null
     * @param source where it comes from: a file's path or URL, "request #5", "operator"
     * @param reason why, in a sentence (operator fixes), or null
     */
    public record Request(
            String actor, Long requestId, String source, String reason, RegistryIntent intent) {}

    /**
     * What was written.
     *
     * @param revision the new revision, or the unchanged newest one when the plan changed nothing
     * @param changeId the change set's row, or null when nothing was written
     * @param plan the plan written, new entries with their ids
     */
    public record Applied(long revision, Long changeId, LocalDate effectiveDate, ChangePlan plan) {
        public boolean changed() {
            return changeId != null;
        }
    }

    private final AgroalDataSource dataSource;
    private final RegistryStore store;
    private final RegistryWriter writer;
    private final Registry registry;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final String channel;

    RegistryChanges(
            AgroalDataSource dataSource,
            RegistryStore store,
            RegistryWriter writer,
            Registry registry,
            Clock clock,
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "portreg.db.schema") String schema) {
        this.dataSource = dataSource;
        this.store = store;
        this.writer = writer;
        this.registry = registry;
        this.clock = clock;
        this.transactions = transactions;
        this.channel = channel(schema);
    }

    /** The LISTEN/NOTIFY channel of the registry in {@code schema}. */
    public static String channel(String schema) {
        return "portreg_registry_" + schema.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase();
    }

    /** Makes the change in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Applied apply(Request request) {
        try (Connection c = dataSource.getConnection()) {
            return apply(c, request);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Makes the change on the caller's connection, inside the caller's (JTA) transaction: it
     * commits or rolls back with the caller's own writes.
     *
     * @throws SQLException with SQLState {@link RegistryWriter#PORT_HELD} when the database finds a
     *     port held twice (the plan checks first; this is the database's own guard)
     */
    public Applied apply(Connection c, Request request) throws SQLException {
        WriteTimings prepared = new WriteTimings();
        writer.lock(c);
        prepared.lap("lock");
        RegistryStore.Head head = store.head(c);
        RegistrySnapshot now = registry.proven(c, head.revision());
        prepared.lap("registry");
        LocalDate today = LocalDate.now(clock);
        ChangePlan plan =
                request.intent()
                        .plan(new RegistryIntent.Context(now, today, once(() -> upstream(c))));
        prepared.lap("plan");
        if (plan.isEmpty()) {
            return new Applied(head.revision(), null, head.effectiveDate(), plan);
        }
        long revision = head.revision() + 1;
        LocalDate day = today;
        if (plan.upstream() != null && plan.upstream().registryDate() != null) {
            day = plan.upstream().registryDate();
        }
        // The log never goes back in time, except that a seed starts the registry afresh.
        if (head.effectiveDate() != null
                && day.isBefore(head.effectiveDate())
                && !plan.kind().fullState()) {
            day = head.effectiveDate();
        }
        ChangePlan written = withIds(c, plan);
        prepared.lap("ids");
        long start = System.nanoTime();
        Written w = write(c, now, written, request, revision, day);
        Log.debugf(
                "revision %d written in %d ms (%d items, %d moves): %s; before it: %s",
                (Object) revision,
                (System.nanoTime() - start) / 1_000_000,
                written.items().size(),
                written.moves().size(),
                w.timings(),
                prepared);
        afterCommit(w.after());
        return new Applied(revision, w.changeId(), day, written);
    }

    /** What a change set's writing gives: its row, the registry after it, where the time went. */
    private record Written(long changeId, RegistrySnapshot after, String timings) {}

    private Written write(
            Connection c,
            RegistrySnapshot now,
            ChangePlan plan,
            Request request,
            long revision,
            LocalDate day)
            throws SQLException {
        // as PostgreSQL keeps it, so the snapshot after is the database's to the microsecond
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        WriteTimings t = new WriteTimings();
        long changeId = writeChangeRow(c, plan, request, revision, day, at);
        t.lap("log");
        writer.upsertPeople(c, plan.people(), revision);
        writeEntries(c, plan);
        t.lap("entries");
        RegistrySnapshot after =
                plan.upstream() != null
                        ? writeUpstream(c, now, plan, request, revision, day, at, t)
                        : writeLocal(c, now, plan, revision, day, at, t);
        writer.notifyRevision(c, channel, revision);
        return new Written(changeId, after, t.toString());
    }

    /** Writes the change set's row and items; returns the row's id. */
    private long writeChangeRow(
            Connection c,
            ChangePlan plan,
            Request request,
            long revision,
            LocalDate day,
            Instant at)
            throws SQLException {
        ChangePlan.Upstream up = plan.upstream();
        // A registry action is a request's; made without one, it is an operator's fix.
        ChangeKind kind =
                plan.kind() == ChangeKind.REGISTRY_ACTION && request.requestId() == null
                        ? ChangeKind.OPERATOR_FIX
                        : plan.kind();
        return writer.writeChange(
                c,
                new RegistryWriter.ChangeRow(
                        revision,
                        at,
                        day,
                        request.actor(),
                        kind,
                        request.source(),
                        up != null ? up.sourceName() : request.source(),
                        up != null ? up.registryDate() : null,
                        request.requestId(),
                        request.reason(),
                        plan.summary(),
                        plan.count(ChangeItem.Action.ADDED),
                        plan.count(ChangeItem.Action.CHANGED),
                        plan.count(ChangeItem.Action.REMOVED),
                        up != null ? up.header() : null),
                plan.items());
    }

    /** Deletes, rewrites, moves and inserts the plan's entries. */
    private void writeEntries(Connection c, ChangePlan plan) throws SQLException {
        List<Long> removed = new ArrayList<>();
        List<StoredEntry> changed = new ArrayList<>();
        List<StoredEntry> added = new ArrayList<>();
        for (ChangeItem i : plan.items()) {
            switch (i.action()) {
                case REMOVED -> removed.add(i.entryId());
                case CHANGED -> changed.add(i.stored());
                case ADDED -> added.add(i.stored());
            }
        }
        writer.deleteEntries(c, removed);
        writer.updateEntries(c, changed);
        writer.updatePositions(c, plan.moves());
        writer.insertEntries(c, added);
    }

    /**
     * After an upstream file: the header becomes the file's, the snapshot and the holdings are
     * rebuilt whole and the upstream base is rewritten. Returns the registry after it.
     */
    private RegistrySnapshot writeUpstream(
            Connection c,
            RegistrySnapshot now,
            ChangePlan plan,
            Request request,
            long revision,
            LocalDate day,
            Instant at,
            WriteTimings t)
            throws SQLException {
        ChangePlan.Upstream up = plan.upstream();
        RegistryInfo h = up.header();
        LocalDate updated = up.registryDate() != null ? up.registryDate() : day;
        LocalDate before = now.info().map(RegistryInfo::updated).orElse(null);
        if (up.keepsLocal() && before != null && before.isAfter(updated)) {
            updated = before;
        }
        RegistryInfo info =
                new RegistryInfo(
                        request.source(),
                        h.format(),
                        h.partial(),
                        h.title(),
                        h.category(),
                        updated,
                        h.expert(),
                        h.notes(),
                        h.footnotes(),
                        at);
        RegistrySnapshot after = rebuilt(now, plan, info, revision, at);
        t.lap("snapshot");
        writer.rebuildHoldings(c, after.entries());
        t.lap("holdings");
        store.saveInfo(c, info, revision);
        writer.writeUpstream(c, up.base());
        t.lap("upstream");
        return after;
    }

    /**
     * After a local change: the header's date becomes the day, the snapshot and the holdings are
     * updated where the plan changed them. Returns the registry after it.
     */
    private RegistrySnapshot writeLocal(
            Connection c,
            RegistrySnapshot now,
            ChangePlan plan,
            long revision,
            LocalDate day,
            Instant at,
            WriteTimings t)
            throws SQLException {
        RegistryInfo info =
                now.info()
                        .map(
                                i ->
                                        new RegistryInfo(
                                                i.source(),
                                                i.format(),
                                                i.partial(),
                                                i.title(),
                                                i.category(),
                                                day,
                                                i.expert(),
                                                i.notes(),
                                                i.footnotes(),
                                                i.importedAt()))
                        .orElse(null);
        RegistrySnapshot after = now.with(plan.items(), plan.people(), info, revision, at);
        t.lap("snapshot");
        writer.updateHoldings(c, plan.items(), after);
        store.touchInfo(c, day, revision);
        t.lap("holdings");
        return after;
    }

    /**
     * The registry after an upstream file, built whole (a file moves thousands of entries in file
     * order): the entries now, with the plan's items and moves, its people and the file's header.
     */
    private static RegistrySnapshot rebuilt(
            RegistrySnapshot now, ChangePlan plan, RegistryInfo info, long revision, Instant at) {
        Map<Long, StoredEntry> last = new HashMap<>();
        for (ChangeItem i : plan.items()) {
            last.put(i.entryId(), i.action() == ChangeItem.Action.REMOVED ? null : i.stored());
        }
        List<StoredEntry> entries = new ArrayList<>(now.entries().size() + plan.items().size());
        for (StoredEntry se : now.entries()) {
            if (last.containsKey(se.id())) {
                continue;
            }
            Integer moved = plan.moves().get(se.id());
            entries.add(moved == null ? se : new StoredEntry(se.id(), se.key(), moved, se.entry()));
        }
        for (StoredEntry se : last.values()) {
            if (se != null) {
                entries.add(se);
            }
        }
        entries.sort(RegistrySnapshot.FILE_ORDER);
        Map<String, Person> people = new HashMap<>(now.people());
        for (Person p : plan.people()) {
            people.put(p.id(), p);
        }
        return new RegistrySnapshot(info, entries, people, revision, at);
    }

    /** The plan with ids for the entries it adds. */
    private ChangePlan withIds(Connection c, ChangePlan plan) throws SQLException {
        int n = plan.count(ChangeItem.Action.ADDED);
        if (n == 0) {
            return plan;
        }
        long[] ids = writer.nextEntryIds(c, n);
        List<ChangeItem> items = new ArrayList<>(plan.items().size());
        int next = 0;
        for (ChangeItem i : plan.items()) {
            items.add(i.action() == ChangeItem.Action.ADDED ? i.withId(ids[next++]) : i);
        }
        return new ChangePlan(
                plan.kind(), plan.summary(), items, plan.moves(), plan.people(), plan.upstream());
    }

    private UpstreamBase upstream(Connection c) {
        try {
            return store.loadUpstream(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * This instance serves its own change set at once, from the snapshot it computed; others hear
     * of it through NOTIFY.
     */
    private void afterCommit(RegistrySnapshot after) {
        long revision = after.revision();
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("a registry change must run in a transaction");
        }
        transactions.registerInterposedSynchronization(
                new Synchronization() {
                    @Override
                    public void beforeCompletion() {}

                    @Override
                    public void afterCompletion(int status) {
                        if (status != Status.STATUS_COMMITTED) {
                            return;
                        }
                        try {
                            registry.offer(after);
                            registry.catchUp();
                        } catch (RuntimeException e) {
                            Log.warnf(
                                    "revision %d is committed but could not be read back yet: %s",
                                    revision, e.getMessage());
                        }
                    }
                });
    }

    private static <T> Supplier<T> once(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    private static RuntimeException failure(SQLException e) {
        return new IllegalStateException("cannot write the registry: " + e.getMessage(), e);
    }
}
