package dev.portreg.request;

import dev.portreg.account.Account;
import dev.portreg.common.ProblemException;
import dev.portreg.common.Urls;
import dev.portreg.registry.ChangeItem;
import dev.portreg.registry.ChangePlan;
import dev.portreg.registry.EarlyAllocationPlans;
import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.Reference;
import dev.portreg.registry.RegistryChanges;
import dev.portreg.registry.RegistryIntent;
import dev.portreg.registry.RegistryPlans;
import dev.portreg.registry.RegistryWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * A request's registry action: what the request asks of the registry, as a {@link RegistryIntent}
 * of {@link RegistryPlans} — the same one the draft's preview shows — written through the
 * registry's one write path on the request transaction's own connection, so it commits or rolls
 * back with the request's state. When the port was taken meanwhile the action is a 409 and nothing
 * changes.
 */
@ApplicationScoped
public class RegistryAction {

    private static final Pattern RFC = Pattern.compile("(?i)^\\[?RFC\\s*-?(\\d{1,5})]?$");
    private static final Pattern DRAFT = Pattern.compile("(?i)^draft-[a-z0-9-]+$");

    /**
     * What the action did.
     *
     * @param changeId the change set written
     * @param revision the registry's revision it made
     * @param entries the entries written, as "938/tcp frob (assigned)"
     * @param links each entry written and the page it is on: {entry, href}
     */
    public record Result(
            long changeId,
            long revision,
            String summary,
            List<String> entries,
            List<Map<String, String>> links) {}

    private final EntityManager em;
    private final RegistryChanges changes;

    RegistryAction(EntityManager em, RegistryChanges changes) {
        this.em = em;
        this.changes = changes;
    }

    /**
     * Writes the request's entries. {@code assignmentNotes} are the entry's notes as the operator
     * words them at completion (null for none): nothing the requester wrote for reviewers — their
     * notes, their statement of known unauthorized uses — reaches the registry.
     */
    public Result apply(PortRequest r, Account operator, String assignmentNotes) {
        RegistryChanges.Request change =
                new RegistryChanges.Request(
                        operator.username,
                        r.id,
                        "request #" + r.id,
                        null,
                        intent(r.id, r.parsed(), assignmentNotes));
        RegistryChanges.Applied applied;
        try {
            applied =
                    em.unwrap(Session.class)
                            .doReturningWork(
                                    c -> {
                                        try {
                                            return changes.apply(c, change);
                                        } catch (SQLException e) {
                                            throw translate(e, r);
                                        }
                                    });
        } catch (org.hibernate.JDBCException e) {
            throw translate(e.getSQLException(), r);
        }
        return new Result(
                applied.changeId(),
                applied.revision(),
                applied.plan().summary(),
                applied.plan().lines(),
                links(applied.plan()));
    }

    /**
     * The pages of the service entries a plan wrote: the port's, or the service's when it has no
     * port.
     */
    static List<Map<String, String>> links(ChangePlan plan) {
        List<Map<String, String>> out = new ArrayList<>();
        for (ChangeItem i : plan.items()) {
            if (i.action() == ChangeItem.Action.REMOVED) {
                continue;
            }
            Entry e = i.after();
            // The service's own entries; not the gaps split around them or Reserved companions.
            if (e.serviceName() == null) {
                continue;
            }
            String href =
                    e.ports() != null
                            ? "/ports/" + e.ports().from()
                            : "/services/" + Urls.segment(e.serviceName());
            out.add(Map.of("entry", ChangePlan.line(e), "href", href));
        }
        return out;
    }

    private static RuntimeException translate(SQLException e, PortRequest r) {
        if (RegistryWriter.PORT_HELD.equals(e.getSQLState())) {
            return ProblemException.registryConflict(
                    "the port of request #"
                            + r.id
                            + " is no longer free: another assignment took"
                            + " it first. Nothing was changed.");
        }
        return new IllegalStateException("registry action failed: " + e.getMessage(), e);
    }

    /**
     * What request {@code id} asks of the registry: the plan its preview shows and its action
     * writes.
     */
    static RegistryIntent intent(long id, RequestContent c) {
        return intent(id, c, null);
    }

    /**
     * The same, with the operator's assignment notes: the entry holds exactly IANA's fields (name,
     * port, transport, description, assignee, contact, dates, reference, service code, notes).
     */
    static RegistryIntent intent(long id, RequestContent c, String assignmentNotes) {
        String title = intentTitle(id, c);
        return ctx -> {
            ChangePlan plan = plan(c, assignmentNotes, ctx);
            return plan.withSummary(title + ": " + String.join("; ", plan.lines()));
        };
    }

    /** The title of a request's registry change: "Request #12 (new assignment)". */
    private static String intentTitle(long id, RequestContent c) {
        return "Request #"
                + (id == 0 ? "new" : id)
                + " ("
                + c.kind().label.toLowerCase(Locale.ROOT)
                + ")";
    }

    /** The registry plan of a request's kind, against the registry as it is. */
    private static ChangePlan plan(
            RequestContent c, String assignmentNotes, RegistryIntent.Context ctx) {
        return switch (c.kind()) {
            case NEW_ASSIGNMENT ->
                    RegistryPlans.assign(
                            ctx.registry(), assignment(c, assignmentNotes), ctx.today());
            case EARLY_ALLOCATION ->
                    EarlyAllocationPlans.allocate(
                            ctx.registry(), assignment(c, assignmentNotes), ctx.today());
            case EARLY_RENEWAL ->
                    EarlyAllocationPlans.extend(ctx.registry(), c.targetService(), ctx.today());
            case MAKE_PERMANENT ->
                    EarlyAllocationPlans.makePermanent(
                            ctx.registry(), c.targetService(), rfcReference(c), ctx.today());
            case ADD_TRANSPORT ->
                    RegistryPlans.addTransport(
                            ctx.registry(),
                            c.targetService(),
                            c.transports(),
                            c.serviceCode(),
                            ctx.today());
            case MODIFY ->
                    RegistryPlans.modify(
                            ctx.registry(),
                            c.targetService(),
                            c.description(),
                            c.contact().isEmpty() ? null : person(c.contact()),
                            ctx.today());
            case DE_ASSIGN -> release(c, RegistryPlans.Release.DE_ASSIGN, ctx);
            case REVOKE -> release(c, RegistryPlans.Release.REVOKE, ctx);
        };
    }

    /** The first RFC among a request's references (what makes an early allocation permanent). */
    private static Reference rfcReference(RequestContent c) {
        return references(c).stream().filter(x -> "rfc".equals(x.type())).findFirst().orElse(null);
    }

    /** A de-assignment or a revocation of the request's target service. */
    private static ChangePlan release(
            RequestContent c, RegistryPlans.Release how, RegistryIntent.Context ctx) {
        return RegistryPlans.release(ctx.registry(), c.targetService(), how, ctx.today());
    }

    /**
     * The entry's fields of a new assignment: exactly IANA's. Unauthorized uses are never taken
     * from the request: only an operator records them, as a registry fix.
     */
    private static RegistryPlans.Assignment assignment(RequestContent c, String notes) {
        return new RegistryPlans.Assignment(
                c.serviceName(),
                c.ports(),
                c.anyPortIn(),
                c.transports(),
                c.description(),
                person(c.assignee()),
                c.contact().isEmpty() ? null : person(c.contact()),
                references(c),
                c.serviceCode(),
                null,
                notes);
    }

    /** A party of the request as a person the plan finds by email or creates. */
    private static Person person(Party p) {
        return new Person(null, p.name(), p.org(), p.email(), null, null);
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
}
