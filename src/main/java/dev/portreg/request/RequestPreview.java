package dev.portreg.request;

import dev.portreg.registry.ChangeItem;
import dev.portreg.registry.ChangePlan;
import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.PortRange;
import dev.portreg.registry.RegistryIntent;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.UpstreamBase;
import dev.portreg.request.Assessment.PreviewEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The registry entries a request would write, as its assessment shows them. */
final class RequestPreview {

    private RequestPreview() {}

    /**
     * The entries the registry action would write, planned now by the same function the action runs
     * ({@link RegistryAction#intent}); nothing when the request is not yet complete enough to plan
     * or the registry refuses it (the errors say why).
     */
    static List<PreviewEntry> of(
            RequestContent c, RegistrySnapshot reg, long requestId, LocalDate today) {
        List<PreviewEntry> preview = new ArrayList<>();
        boolean plannable =
                switch (c.kind()) {
                    case NEW_ASSIGNMENT, EARLY_ALLOCATION ->
                            c.serviceName() != null
                                    && !c.transports().isEmpty()
                                    && (c.ports() == null || c.ports().to() <= PortRange.USER.to);
                    case ADD_TRANSPORT -> c.targetService() != null && !c.transports().isEmpty();
                    case MODIFY, DE_ASSIGN, REVOKE, EARLY_RENEWAL, MAKE_PERMANENT ->
                            c.targetService() != null;
                };
        if (!plannable) {
            return preview;
        }
        ChangePlan plan;
        try {
            plan =
                    RegistryAction.intent(requestId, c)
                            .plan(new RegistryIntent.Context(reg, today, () -> UpstreamBase.NONE));
        } catch (RuntimeException e) {
            return preview;
        }
        Map<String, Person> planned = new HashMap<>();
        for (Person p : plan.people()) {
            planned.put(p.id(), p);
        }
        for (ChangeItem i : plan.items()) {
            Entry e = i.shown();
            preview.add(
                    new PreviewEntry(
                            switch (i.action()) {
                                case ADDED -> "add";
                                case CHANGED -> "change";
                                case REMOVED -> "remove";
                            },
                            e.serviceName(),
                            e.ports() == null ? null : e.ports().toString(),
                            e.transport() == null ? null : e.transport().slug(),
                            e.status().slug(),
                            e.description(),
                            personText(reg, e.assigneeId(), planned),
                            personText(reg, e.contactId(), planned),
                            e.registered(),
                            referenceText(e),
                            e.notes()));
        }
        return preview;
    }

    static String personText(RegistrySnapshot reg, String id, Map<String, Person> planned) {
        if (id == null) {
            return null;
        }
        Person p = planned.getOrDefault(id, reg.people().getOrDefault(id, Person.idOnly(id)));
        return p.displayName() + (p.email() == null ? "" : " <" + p.email() + ">");
    }

    private static String referenceText(Entry e) {
        return e.references().isEmpty()
                ? null
                : String.join(" ", e.references().stream().map(r -> r.label()).toList());
    }
}
