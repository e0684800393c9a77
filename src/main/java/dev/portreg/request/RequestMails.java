package dev.portreg.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log of mails sent about requests (V16): the timeline lists them under the event that caused
 * them, and a reminder is claimed here before it is sent, once a day per request and address.
 */
@ApplicationScoped
public class RequestMails {

    /** A mail the timeline lists: to whom, about what, when. */
    public record Sent(String recipient, String subject, java.time.Instant at) {}

    private final EntityManager em;
    private final Clock clock;

    RequestMails(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Notes a mail sent about an event. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(long requestId, long eventId, String recipient, String subject) {
        em.createNativeQuery(
                        "INSERT INTO request_mail (request_id, event_id, recipient, subject, sent_at)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, requestId)
                .setParameter(2, eventId)
                .setParameter(3, recipient)
                .setParameter(4, subject)
                .setParameter(5, OffsetDateTime.now(clock))
                .executeUpdate();
    }

    /**
     * Claims today's reminder about a request for an address: true the first time on a day, on any
     * instance; false when it was claimed already (the unique index decides).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claimReminder(long requestId, LocalDate day, String recipient, String subject) {
        return em.createNativeQuery(
                                "INSERT INTO request_mail (request_id, reminder_day, recipient,"
                                        + " subject, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                                        + " ON CONFLICT DO NOTHING")
                        .setParameter(1, requestId)
                        .setParameter(2, day)
                        .setParameter(3, recipient)
                        .setParameter(4, subject)
                        .setParameter(5, OffsetDateTime.now(clock))
                        .executeUpdate()
                == 1;
    }

    /** The mails about a request's events, by event id, in the order sent. */
    @Transactional
    public Map<Long, List<Sent>> byEvent(long requestId) {
        Map<Long, List<Sent>> out = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT event_id, recipient, subject, sent_at FROM request_mail"
                                        + " WHERE request_id = ?1 AND event_id IS NOT NULL"
                                        + " ORDER BY id")
                        .setParameter(1, requestId)
                        .getResultList();
        for (Object[] row : rows) {
            out.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>())
                    .add(new Sent((String) row[1], (String) row[2], instant(row[3])));
        }
        return out;
    }

    private static java.time.Instant instant(Object o) {
        if (o instanceof java.time.Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return OffsetDateTime.parse(String.valueOf(o))
                .withOffsetSameInstant(ZoneOffset.UTC)
                .toInstant();
    }
}
