package dev.portreg.request;

import dev.portreg.account.Account;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One entry of a request's append-only log: a state change, a comment, a review decision or a
 * ballot position. The table refuses UPDATE and DELETE.
 */
@Entity
@Immutable
@Table(name = "request_event")
public class RequestEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "request_id")
    public PortRequest request;

    @Column(nullable = false)
    public Instant at;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "actor_id")
    public Account actor;

    @Convert(converter = Converters.EventKindConverter.class)
    @Column(nullable = false)
    public EventKind kind;

    @Convert(converter = Converters.StateConverter.class)
    @Column(name = "from_state")
    public RequestState fromState;

    @Convert(converter = Converters.StateConverter.class)
    @Column(name = "to_state")
    public RequestState toState;

    public String comment;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> data;

    public static List<RequestEvent> of(PortRequest r) {
        // The actors come in the same query: a timeline shows each one.
        return list(
                "from RequestEvent e left join fetch e.actor where e.request.id = ?1 order by e.id",
                r.id);
    }
}
