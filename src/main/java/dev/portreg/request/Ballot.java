package dev.portreg.request;

import dev.portreg.account.Roles;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.BallotRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ballot's tally and the latest position event of each member who voted.
 *
 * @param notes why a position (by event id) is not counted; absent when it is
 * @param earlier each member's (by account id) earlier positions, oldest first: a member's record
 *     with its history
 */
public record Ballot(
        BallotRule.Tally tally,
        List<RequestEvent> positions,
        Map<Long, String> notes,
        Map<Long, List<RequestEvent>> earlier) {

    /** The positions {@code current}'s member held before it, oldest first. */
    public List<RequestEvent> before(RequestEvent current) {
        return earlier.getOrDefault(current.actor.id, List.of());
    }

    /** Why this position does not count, or null. */
    public String note(RequestEvent position) {
        return notes.get(position.id);
    }

    /**
     * The ballot of a request's events. Only the positions of accounts that hold the iesg role now
     * count, and only those given on the request as it is: a resubmission that changed what is
     * assigned ({@link RequestField#balloted()}) leaves the earlier positions shown but not
     * counted.
     *
     * @param members how many accounts hold the iesg role now
     */
    public static Ballot count(List<RequestEvent> events, int members) {
        Map<Long, RequestEvent> latest = new LinkedHashMap<>();
        Map<Long, String> notes = new LinkedHashMap<>();
        Map<Long, List<RequestEvent>> earlier = new LinkedHashMap<>();
        for (RequestEvent e : events) {
            if (e.kind.position()) {
                RequestEvent previous = latest.put(e.actor.id, e);
                if (previous != null) {
                    earlier.computeIfAbsent(e.actor.id, k -> new ArrayList<>()).add(previous);
                }
                notes.remove(e.id);
            } else if (e.kind == EventKind.RESUBMITTED && changesBallotedFields(e)) {
                for (RequestEvent given : latest.values()) {
                    notes.putIfAbsent(
                            given.id,
                            "given on an older version: the port or transports changed since");
                }
            }
        }
        List<BallotPosition> positions = new ArrayList<>();
        for (RequestEvent e : latest.values()) {
            if (!e.actor.roles.contains(Roles.IESG)) {
                notes.putIfAbsent(e.id, "no longer an IESG member");
            }
            if (!notes.containsKey(e.id)) {
                positions.add(
                        BallotPosition.parseEntered((String) e.data.get("position")).orElseThrow());
            }
        }
        return new Ballot(
                BallotRule.tally(members, positions),
                List.copyOf(latest.values()),
                Map.copyOf(notes),
                Map.copyOf(earlier));
    }

    private static boolean changesBallotedFields(RequestEvent e) {
        if (e.data == null || !(e.data.get("changes") instanceof Map<?, ?> changes)) {
            return false;
        }
        return changes.keySet().stream()
                .anyMatch(
                        k ->
                                RequestField.named(String.valueOf(k))
                                        .map(RequestField::balloted)
                                        .orElse(false));
    }
}
