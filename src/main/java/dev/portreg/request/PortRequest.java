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
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A request to the registry. Its state changes only through {@link RequestWorkflow}, which appends
 * a {@link RequestEvent} in the same transaction; {@code version} makes two reviewers acting at
 * once a conflict instead of a lost update.
 */
@Entity
@Table(name = "port_request")
public class PortRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Version public int version;

    @Convert(converter = Converters.KindConverter.class)
    @Column(nullable = false)
    public RequestKind kind;

    @Convert(converter = Converters.StateConverter.class)
    @Column(nullable = false)
    public RequestState state;

    @Convert(converter = Converters.TrackConverter.class)
    public Track track;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "requester_id")
    public Account requester;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public RequestInput content;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "call_starts_at")
    public Instant callStartsAt;

    @Column(name = "call_ends_at")
    public Instant callEndsAt;

    /** The designated expert who took the request for review, or null while nobody has. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "held_by")
    public Account heldBy;

    /**
     * The content, parsed: it was checked when stored, so this does not fail (a field its kind does
     * not use, stored before such fields were refused, is dropped).
     */
    public RequestContent parsed() {
        return RequestContent.stored(content);
    }

    public boolean ownedBy(Account a) {
        return a != null && requester.id.equals(a.id);
    }
}
