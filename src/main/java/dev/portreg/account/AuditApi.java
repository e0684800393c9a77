package dev.portreg.account;

import dev.portreg.common.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The security log for operators: {@code GET /api/v1/audit}. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AuditApi {

    private final AuditLog audit;

    AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Roles.IANA)
    @Operation(
            summary = "Security events, newest first (role iana)",
            description =
                    "Failed sign-ins, lock-outs, role changes with the operator who made them,"
                            + " tokens made and revoked, password changes and resets, address"
                            + " verifications, links to registry people.")
    public List<AuditLog.Event> list(
            @QueryParam("kind") @Parameter(description = "only this kind, e.g. sign-in-failed")
                    String kind,
            @QueryParam("subject") @Parameter(description = "only events about this account")
                    String subject,
            @QueryParam("before") @Parameter(description = "only events older than this id")
                    Long before,
            @QueryParam("size") @DefaultValue("100") int size) {
        if (size < 1 || size > 1000) {
            throw ProblemException.badInput("size", "must be 1-1000");
        }
        AuditLog.Kind k = null;
        if (kind != null && !kind.isBlank()) {
            k =
                    AuditLog.Kind.parse(kind)
                            .orElseThrow(
                                    () ->
                                            ProblemException.badInput(
                                                    "kind", "is not a kind of audit event"));
        }
        if (subject != null && subject.length() > 300) {
            throw ProblemException.badInput("subject", "is too long");
        }
        return audit.list(size, before == null ? 0 : before, k, subject);
    }
}
