package dev.portreg.request;

import dev.portreg.account.Account;
import dev.portreg.account.PersonLinks;
import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistrySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What the rules ({@link RequestChecks}) say about a request, with what they need to know: the
 * registry, who the requester is, the other open requests, today. For the pages against the
 * registry this instance holds; for submission and every decision against the registry proven
 * current, never a stale copy.
 */
@ApplicationScoped
class RequestAssessments {

    private final Registry registry;
    private final PersonLinks people;
    private final Clock clock;

    RequestAssessments(Registry registry, PersonLinks people, Clock clock) {
        this.registry = registry;
        this.people = people;
        this.clock = clock;
    }

    /** Against the registry this instance holds. */
    Assessment assess(PortRequest r) {
        return assess(r.parsed(), r.id == null ? 0 : r.id, r.requester);
    }

    /** Against the registry this instance holds. */
    Assessment assess(RequestContent content, long requestId, Account requester) {
        return assess(content, requestId, requester, registry.snapshot());
    }

    /** Against the registry proven current (the database's newest revision). */
    Assessment assessNow(PortRequest r) {
        return assess(r.parsed(), r.id == null ? 0 : r.id, r.requester, registry.current());
    }

    /** At decision time the registry must still allow the request: else 409. */
    void stillAllowedByRegistry(PortRequest r) {
        Assessment a = assessNow(r);
        if (!a.submittable()) {
            StringBuilder why = new StringBuilder("The registry no longer allows this request: ");
            a.errors()
                    .forEach(
                            e ->
                                    why.append(e.field())
                                            .append(" ")
                                            .append(e.message())
                                            .append("; "));
            throw ProblemException.registryConflict(why.substring(0, why.length() - 2));
        }
    }

    private Assessment assess(
            RequestContent content, long requestId, Account requester, RegistrySnapshot snapshot) {
        return RequestChecks.assess(
                content,
                new RequestChecks.Context(
                        snapshot,
                        requestId,
                        new RequestChecks.Requester(
                                requester.verifiedEmail(),
                                requester.id == null ? Set.of() : people.linked(requester.id),
                                requester.roles.contains(Roles.IESG)),
                        requester.roles.contains(Roles.IANA),
                        openRequests(),
                        today()));
    }

    /** Submitted requests that are not finished, for conflict warnings. */
    List<RequestChecks.OpenRequest> openRequests() {
        List<RequestChecks.OpenRequest> out = new ArrayList<>();
        List<PortRequest> open =
                PortRequest.list(
                        "state in ?1",
                        Arrays.stream(RequestState.values()).filter(RequestState::open).toList());
        for (PortRequest r : open) {
            RequestContent c = r.parsed();
            out.add(
                    new RequestChecks.OpenRequest(
                            r.id, c.serviceName(), c.ports(), c.transports()));
        }
        return out;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
