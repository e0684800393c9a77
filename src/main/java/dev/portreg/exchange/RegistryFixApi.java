package dev.portreg.exchange;

import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.RegistryChanges;
import dev.portreg.registry.RegistryPlans;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An operator's correction of a registry entry outside the request process (a description IANA
 * words differently, assignment notes, a known unauthorized use): one change set of kind
 * operator-fix, with the operator and the reason, through the registry's one write path.
 */
@Path("/api/v1/registry/fixes")
@RolesAllowed(Roles.IANA)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Import", description = "Operators bring in IANA's files, reconciled with local work")
public class RegistryFixApi {

    /**
     * A fix of one entry.
     *
     * @param key the entry's key, as the registry's API gives it ("rndc/953/tcp")
     * @param reason why, in a sentence: required, it goes into the history
     * @param description the new description, or null to keep it
     * @param notes the new assignment notes; null keeps them, "" removes them
     * @param unauthorized known unauthorized uses; null keeps them, "" removes them
     * @param contactId the person id of the new contact, or null to keep it
     */
    public record FixCommand(
            String key,
            String reason,
            String description,
            String notes,
            String unauthorized,
            String contactId) {}

    /** What the fix wrote: the new revision and its change set. */
    public record Fixed(long revision, long changeId, String summary, String changeUrl) {}

    private final RegistryChanges changes;
    private final SecurityIdentity identity;

    RegistryFixApi(RegistryChanges changes, SecurityIdentity identity) {
        this.changes = changes;
        this.identity = identity;
    }

    @POST
    @Operation(
            summary = "Correct one registry entry, with a reason",
            description =
                    "Body {\"key\": \"rndc/953/tcp\", \"reason\": \"...\", \"description\": \"...\"}."
                            + " Only the fields given change; the entry's modification date becomes"
                            + " today. 404 for an unknown key, 400 without a reason or when nothing"
                            + " would change.")
    public Fixed fix(FixCommand cmd) {
        if (cmd == null || cmd.key() == null || cmd.key().isBlank()) {
            throw ProblemException.badInput("key", "is required: the key of the entry to fix");
        }
        if (cmd.reason() == null || cmd.reason().isBlank()) {
            throw ProblemException.badInput("reason", "is required: say why the entry is fixed");
        }
        RegistryPlans.Fix fix =
                new RegistryPlans.Fix(
                        cmd.key().strip(),
                        cmd.description(),
                        cmd.notes(),
                        cmd.unauthorized(),
                        cmd.contactId());
        RegistryChanges.Applied a =
                changes.apply(
                        new RegistryChanges.Request(
                                identity.getPrincipal().getName(),
                                null,
                                "operator",
                                cmd.reason().strip(),
                                ctx ->
                                        RegistryPlans.fix(ctx.registry(), fix, ctx.today())
                                                .withSummary(
                                                        "Operator fix of "
                                                                + fix.key()
                                                                + ": "
                                                                + cmd.reason().strip())));
        return new Fixed(
                a.revision(), a.changeId(), a.plan().summary(), "/changes/" + a.changeId());
    }
}
