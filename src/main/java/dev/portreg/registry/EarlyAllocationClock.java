package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The daily check of early allocations (RFC 7120), on the application's clock: an allocation whose
 * expiry date has passed is expired (a registry change set by "system", with its reason), and one
 * that expires within {@code portreg.early-allocations.remind-days} gets one reminder mail to its
 * assignee and contact. Every instance runs the check; the registry's lock and the reminders'
 * primary key make each happen once.
 */
@ApplicationScoped
public class EarlyAllocationClock {

    /** The reminder's body (templates/mail/earlyAllocationExpires.txt). */
    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native MailTemplateInstance earlyAllocationExpires(
                String name,
                String service,
                String ports,
                EarlyAllocation allocation,
                String baseUrl);
    }

    /** What one check did. */
    public record Checked(List<String> expired, List<String> reminded) {}

    private final Registry registry;
    private final RegistryChanges changes;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final int remindDays;
    private final String baseUrl;

    EarlyAllocationClock(
            Registry registry,
            RegistryChanges changes,
            AgroalDataSource dataSource,
            Clock clock,
            @ConfigProperty(name = "portreg.early-allocations.remind-days", defaultValue = "30")
                    int remindDays,
            @ConfigProperty(name = "portreg.base-url") String baseUrl) {
        this.registry = registry;
        this.changes = changes;
        this.dataSource = dataSource;
        this.clock = clock;
        this.remindDays = remindDays;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Scheduled(
            cron = "{portreg.early-allocations.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        try {
            Checked c = check();
            if (!c.expired().isEmpty() || !c.reminded().isEmpty()) {
                Log.infof("early allocations: expired %s, reminded %s", c.expired(), c.reminded());
            }
        } catch (RuntimeException e) {
            Log.warnf("the early allocations check failed, next try tomorrow: %s", e.toString());
        }
    }

    /** Expires what has expired and reminds what expires soon, as of the clock's today. */
    public Checked check() {
        LocalDate today = LocalDate.now(clock);
        List<String> expired = new ArrayList<>();
        for (String name : EarlyAllocationPlans.expiredOn(registry.current(), today)) {
            try {
                changes.apply(
                        new RegistryChanges.Request(
                                "system",
                                null,
                                "RFC 7120 expiry",
                                "the early allocation of " + name + " expired",
                                ctx ->
                                        EarlyAllocationPlans.expire(
                                                ctx.registry(), name, ctx.today())));
                expired.add(name);
            } catch (ProblemException e) {
                // Another instance expired it first, or it changed meanwhile.
                Log.debugf("early allocation %s not expired here: %s", name, e.getMessage());
            }
        }
        List<String> reminded = new ArrayList<>();
        RegistrySnapshot now = registry.current();
        for (String name : EarlyAllocationPlans.expiringWithin(now, today, remindDays)) {
            if (remind(now, name)) {
                reminded.add(name);
            }
        }
        return new Checked(List.copyOf(expired), List.copyOf(reminded));
    }

    /** Mails the allocation's people once per expiry date; false when already reminded. */
    private boolean remind(RegistrySnapshot s, String name) {
        List<StoredEntry> entries = s.byName(name);
        Entry first =
                entries.stream()
                        .map(StoredEntry::entry)
                        .filter(
                                e ->
                                        e.ports() != null
                                                && EarlyAllocation.in(e.description()).isPresent())
                        .findFirst()
                        .orElse(null);
        if (first == null) {
            return false;
        }
        EarlyAllocation a = EarlyAllocation.in(first.description()).orElseThrow();
        Set<Person> to = new LinkedHashSet<>();
        for (String id : new String[] {first.assigneeId(), first.contactId()}) {
            s.person(id == null ? "" : id).filter(p -> p.email() != null).ifPresent(to::add);
        }
        if (to.isEmpty() || !firstReminder(name, a, to)) {
            return false;
        }
        for (Person p : to) {
            Templates.earlyAllocationExpires(
                            p.displayName(),
                            first.serviceName(),
                            first.ports() + "/" + first.transport(),
                            a,
                            baseUrl)
                    .to(p.email())
                    .subject(
                            "Port Registry: the early allocation of "
                                    + first.serviceName()
                                    + " expires on "
                                    + a.expires())
                    .send()
                    .await()
                    .indefinitely();
        }
        return true;
    }

    private boolean firstReminder(String name, EarlyAllocation a, Set<Person> to) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO early_allocation_reminder (service_name, expires,"
                                        + " sent_to) VALUES (lower(?), ?, ?) ON CONFLICT DO"
                                        + " NOTHING")) {
            ps.setString(1, name);
            ps.setObject(2, a.expires());
            ps.setArray(3, c.createArrayOf("text", to.stream().map(Person::email).toArray()));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the reminder of " + name, e);
        }
    }
}
