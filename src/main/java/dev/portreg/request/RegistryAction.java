package dev.portreg.request;

import dev.portreg.account.Account;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.Entry;
import dev.portreg.registry.EntryKeys;
import dev.portreg.registry.Person;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Ports;
import dev.portreg.registry.Reference;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryStore;
import dev.portreg.registry.RegistryWriter;
import dev.portreg.registry.RegistryWriter.ChangeItem;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * The operator's registry action for an approved request, written on the request transaction's own
 * connection so it commits or rolls back with the request's state. New holdings go through {@link
 * RegistryWriter#addEntry}: when a port was taken meanwhile, the database's exclusion constraint
 * refuses it and the whole action is a 409.
 */
@ApplicationScoped
public class RegistryAction {

    private static final Pattern RFC = Pattern.compile("(?i)^\\[?RFC\\s*-?(\\d{1,5})]?$");
    private static final Pattern DRAFT = Pattern.compile("(?i)^draft-[a-z0-9-]+$");

    /**
     * What the action did.
     *
     * @param changeId the registry_change row
     * @param entries the entries written, as "938/tcp frob (assigned)"
     */
    public record Result(long changeId, String summary, List<String> entries) {}

    private final EntityManager em;
    private final RegistryStore store;
    private final RegistryWriter writer;
    private final Registry registry;

    RegistryAction(
            EntityManager em, RegistryStore store, RegistryWriter writer, Registry registry) {
        this.em = em;
        this.store = store;
        this.writer = writer;
        this.registry = registry;
    }

    public Result apply(PortRequest r, Account operator, Instant now) {
        try {
            return em.unwrap(Session.class).doReturningWork(c -> apply(c, r, operator, now));
        } catch (org.hibernate.JDBCException e) {
            throw translate(e.getSQLException(), r);
        }
    }

    private static ProblemException translate(SQLException e, PortRequest r) {
        if (RegistryWriter.PORT_HELD.equals(e.getSQLState())) {
            return ProblemException.conflict(
                    "the port of request #"
                            + r.id
                            + " is no longer free: another assignment took"
                            + " it first. Nothing was changed.");
        }
        throw new IllegalStateException("registry action failed: " + e.getMessage(), e);
    }

    private Result apply(Connection c, PortRequest r, Account operator, Instant now)
            throws SQLException {
        writer.lock(c);
        RequestContent content = r.parsed();
        String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        Work w = new Work(c, store.loadEntries(c), today);
        switch (r.kind) {
            case NEW_ASSIGNMENT ->
                    w.assign(content, content.serviceName(), content.transports(), port(content));
            case ADD_TRANSPORT -> {
                List<StoredEntry> service = w.service(content.targetService());
                w.assignLike(
                        service.get(0).entry(),
                        portsOf(service),
                        content.transports(),
                        content.serviceCode());
            }
            case MODIFY -> w.modify(content);
            case DE_ASSIGN -> w.release(content.targetService(), "De-assigned");
            case REVOKE -> w.release(content.targetService(), "Revoked");
        }
        String summary =
                "Request #"
                        + r.id
                        + " ("
                        + r.kind.label.toLowerCase(Locale.ROOT)
                        + "): "
                        + String.join("; ", w.lines);
        long changeId =
                writer.recordChange(
                        c,
                        new RegistryWriter.Change(
                                now,
                                operator.username,
                                "registry-action",
                                "request #" + r.id,
                                summary,
                                w.added,
                                w.changed,
                                w.removed,
                                w.items,
                                r.id));
        return new Result(changeId, summary, List.copyOf(w.lines));
    }

    /** The port a new assignment gets: the one asked for, or the one IANA picks now. */
    private Ports port(RequestContent c) {
        if (c.ports() != null) {
            return c.ports();
        }
        if (c.anyPortIn() == null) {
            return null;
        }
        Integer pick = RequestChecks.pickPort(registry.snapshot(), c.anyPortIn(), c.transports());
        if (pick == null) {
            throw ProblemException.conflict(
                    "no port of the "
                            + c.anyPortIn().label
                            + " range is free on the requested transports");
        }
        return Ports.of(pick);
    }

    private static Ports portsOf(List<StoredEntry> service) {
        for (StoredEntry se : service) {
            if (se.entry().ports() != null) {
                return se.entry().ports();
            }
        }
        return null;
    }

    /** One registry action's writes and its history items. */
    private final class Work {
        final Connection c;
        final List<StoredEntry> all;
        final String today;
        final List<ChangeItem> items = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        int added, changed, removed;

        Work(Connection c, List<StoredEntry> all, String today) {
            this.c = c;
            this.all = all;
            this.today = today;
        }

        List<StoredEntry> service(String name) {
            List<StoredEntry> out = new ArrayList<>();
            for (StoredEntry se : all) {
                if (se.entry().serviceName() != null
                        && se.entry().serviceName().equalsIgnoreCase(name)) {
                    out.add(se);
                }
            }
            if (out.isEmpty()) {
                throw ProblemException.conflict(
                        "no service named \"" + name + "\" is registered any more");
            }
            return out;
        }

        /** A new assignment from the request's own fields. */
        void assign(RequestContent rc, String name, List<Transport> transports, Ports ports)
                throws SQLException {
            String assignee = person(rc.assignee());
            String contact = rc.contact().isEmpty() ? assignee : person(rc.contact());
            Entry template =
                    new Entry(
                            name,
                            ports,
                            null,
                            rc.description(),
                            assignee,
                            contact,
                            today,
                            null,
                            references(rc),
                            null,
                            rc.unauthorizedUses(),
                            rc.notes());
            write(template, transports, ports, rc.serviceCode());
        }

        /** Another transport for an existing assignment: same name, people and references. */
        void assignLike(Entry base, Ports ports, List<Transport> transports, Long code)
                throws SQLException {
            Entry template =
                    new Entry(
                            base.serviceName(),
                            ports,
                            null,
                            base.description(),
                            base.assigneeId(),
                            base.contactId(),
                            today,
                            null,
                            base.references(),
                            null,
                            base.unauthorized(),
                            base.notes());
            write(template, transports, ports, code);
        }

        private void write(Entry template, List<Transport> transports, Ports ports, Long code)
                throws SQLException {
            if (ports == null) {
                int position = maxPosition() + 1;
                for (Transport t : transports) {
                    add(withTransport(template, t, code), position);
                }
                return;
            }
            int position = splitGaps(ports);
            for (Transport t : Transport.ALL) {
                boolean requested = transports.contains(t);
                StoredEntry reserved = reservedAt(ports, t);
                if (requested) {
                    Entry assigned = withTransport(template, t, code);
                    if (reserved != null) {
                        // The assignee claims its reserved counterpart (RFC 6335 §7.2, §8.1).
                        update(reserved, assigned);
                    } else {
                        add(assigned, position);
                    }
                } else if (reserved == null && free(ports, t)) {
                    add(
                            new Entry(
                                    null,
                                    ports,
                                    t,
                                    "Reserved",
                                    null,
                                    null,
                                    null,
                                    null,
                                    List.of(),
                                    null,
                                    null,
                                    null),
                            position);
                }
            }
        }

        void modify(RequestContent rc) throws SQLException {
            String contact = rc.contact().isEmpty() ? null : person(rc.contact());
            for (StoredEntry se : service(rc.targetService())) {
                Entry e = se.entry();
                update(
                        se,
                        new Entry(
                                e.serviceName(),
                                e.ports(),
                                e.transport(),
                                rc.description() != null ? rc.description() : e.description(),
                                e.assigneeId(),
                                contact != null ? contact : e.contactId(),
                                e.registered(),
                                today,
                                e.references(),
                                e.serviceCode(),
                                e.unauthorized(),
                                e.notes()));
            }
        }

        /** De-assignment or revocation: the ports become Reserved, the name stays (§8.2, §8.4). */
        void release(String name, String verb) throws SQLException {
            int position = maxPosition() + 1;
            List<Transport> kept = new ArrayList<>();
            Entry first = null;
            for (StoredEntry se : service(name)) {
                Entry e = se.entry();
                if (e.ports() == null) {
                    continue;
                }
                first = first == null ? e : first;
                String note =
                        verb
                                + " on "
                                + today
                                + ", previously "
                                + e.serviceName()
                                + (e.assigneeId() == null ? "" : " by [" + e.assigneeId() + "]");
                update(
                        se,
                        new Entry(
                                null,
                                e.ports(),
                                e.transport(),
                                "Reserved",
                                null,
                                null,
                                null,
                                today,
                                e.references(),
                                null,
                                null,
                                note));
                for (Transport t : e.transports()) {
                    if (!kept.contains(t)) {
                        kept.add(t);
                    }
                }
            }
            if (first == null) {
                throw ProblemException.conflict(name + " holds no port any more");
            }
            for (Transport t : kept) {
                add(
                        new Entry(
                                first.serviceName(),
                                null,
                                t,
                                first.description(),
                                first.assigneeId(),
                                first.contactId(),
                                first.registered(),
                                today,
                                first.references(),
                                null,
                                null,
                                "Port "
                                        + first.ports()
                                        + " "
                                        + verb.toLowerCase(Locale.ROOT)
                                        + " on "
                                        + today),
                        position);
            }
        }

        /**
         * Takes {@code ports} out of the Unassigned rows that cover it (e.g. 916-952 becomes
         * 916-937 and 939-952); returns the position the new entries go to.
         */
        int splitGaps(Ports ports) throws SQLException {
            int position = -1;
            for (StoredEntry se : new ArrayList<>(all)) {
                Entry e = se.entry();
                if (e.ports() == null
                        || e.status() != PortStatus.UNASSIGNED
                        || !e.ports().overlaps(ports)) {
                    continue;
                }
                position = position < 0 ? se.position() : Math.min(position, se.position());
                writer.deleteEntries(c, List.of(se.id()));
                all.remove(se);
                items.add(new ChangeItem("removed", se.key(), e, null));
                removed++;
                if (e.ports().from() < ports.from()) {
                    add(withPorts(e, new Ports(e.ports().from(), ports.from() - 1)), se.position());
                }
                if (e.ports().to() > ports.to()) {
                    add(withPorts(e, new Ports(ports.to() + 1, e.ports().to())), se.position());
                }
            }
            if (position < 0) {
                position = positionFor(ports);
            }
            return position;
        }

        /** The single-transport Reserved entry on exactly these ports and transport, or null. */
        StoredEntry reservedAt(Ports ports, Transport t) {
            for (StoredEntry se : all) {
                Entry e = se.entry();
                if (ports.equals(e.ports())
                        && e.transport() == t
                        && e.status() == PortStatus.RESERVED) {
                    return se;
                }
            }
            return null;
        }

        /** True when no held entry covers any of {@code ports} on {@code t}. */
        boolean free(Ports ports, Transport t) {
            for (StoredEntry se : all) {
                Entry e = se.entry();
                if (RegistryWriter.held(e) && e.covers(t) && e.ports().overlaps(ports)) {
                    return false;
                }
            }
            return true;
        }

        int positionFor(Ports ports) {
            int position = 0;
            for (StoredEntry se : all) {
                if (se.entry().ports() != null && se.entry().ports().from() <= ports.from()) {
                    position = Math.max(position, se.position());
                }
            }
            return position;
        }

        int maxPosition() {
            int max = 0;
            for (StoredEntry se : all) {
                max = Math.max(max, se.position());
            }
            return max;
        }

        void add(Entry e, int position) throws SQLException {
            StoredEntry se = writer.addEntry(c, e, position);
            all.add(se);
            items.add(new ChangeItem("added", se.key(), null, e));
            added++;
            lines.add(line(e));
        }

        void update(StoredEntry old, Entry now) throws SQLException {
            String key =
                    EntryKeys.base(old.entry()).equals(EntryKeys.base(now))
                            ? old.key()
                            : writer.nextKey(c, now);
            StoredEntry se = new StoredEntry(old.id(), key, old.position(), now);
            writer.updateEntries(c, List.of(se));
            all.set(all.indexOf(old), se);
            items.add(new ChangeItem("changed", se.key(), old.entry(), now));
            changed++;
            lines.add(line(now));
        }

        /** The person id for a party: the existing person with that email, or a new one. */
        String person(Party p) throws SQLException {
            if (p.email() != null) {
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id FROM person WHERE lower(email) = lower(?) ORDER BY id LIMIT 1")) {
                    ps.setString(1, p.email());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return rs.getString(1);
                        }
                    }
                }
            }
            String base =
                    (p.name() != null ? p.name() : p.org() != null ? p.org() : "Person")
                            .replaceAll("[^A-Za-z0-9]+", "_")
                            .replaceAll("^_+|_+$", "");
            String id = base.isEmpty() ? "Person" : base;
            for (int n = 2; exists(id); n++) {
                id = base + "_" + n;
            }
            writer.upsertPeople(
                    c, List.of(new Person(id, p.name(), p.org(), p.email(), null, today)));
            return id;
        }

        private boolean exists(String id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM person WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }
    }

    private static Entry withTransport(Entry e, Transport t, Long code) {
        return new Entry(
                e.serviceName(),
                e.ports(),
                t,
                e.description(),
                e.assigneeId(),
                e.contactId(),
                e.registered(),
                e.modified(),
                e.references(),
                t == Transport.DCCP ? code : null,
                e.unauthorized(),
                e.notes());
    }

    private static Entry withPorts(Entry e, Ports p) {
        return new Entry(
                e.serviceName(),
                p,
                e.transport(),
                e.description(),
                e.assigneeId(),
                e.contactId(),
                e.registered(),
                e.modified(),
                e.references(),
                e.serviceCode(),
                e.unauthorized(),
                e.notes());
    }

    /** The request's reference and IETF document as registry references. */
    static List<Reference> references(RequestContent rc) {
        List<Reference> out = new ArrayList<>();
        for (String text : new String[] {rc.ietfDocument(), rc.reference()}) {
            if (text == null) {
                continue;
            }
            String t = text.strip();
            var rfc = RFC.matcher(t);
            if (rfc.matches()) {
                out.add(Reference.rfc(Integer.parseInt(rfc.group(1))));
            } else if (DRAFT.matcher(t).matches()) {
                out.add(new Reference("draft", t, null, null));
            } else if (t.startsWith("http://") || t.startsWith("https://")) {
                out.add(new Reference("uri", t, null, null));
            } else {
                out.add(new Reference("text", null, null, t));
            }
        }
        return out;
    }

    private static String line(Entry e) {
        String where = e.ports() == null ? "(no port)" : e.ports().toString();
        String t = e.transport() == null ? "" : "/" + e.transport().slug();
        return where
                + t
                + " "
                + (e.serviceName() == null ? e.description() : e.serviceName())
                + " ("
                + e.status().label.toLowerCase(Locale.ROOT)
                + ")";
    }
}
