package dev.portreg.request;

import java.util.List;

/**
 * A request as a client or a form sends it: text as typed, checked by {@link RequestContent#parse}.
 * Field names are the API's.
 */
public record RequestInput(
        String kind,
        String serviceName,
        String port,
        String anyPortIn,
        List<String> transports,
        String track,
        String description,
        Party assignee,
        Party contact,
        String reference,
        String castStatement,
        String ietfDocument,
        String justification,
        String systemJustification,
        String stableSpecification,
        String reservedReason,
        String serviceCode,
        String unauthorizedUses,
        String notes,
        String targetService) {}
