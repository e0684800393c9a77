package dev.portreg.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What became of one port across the registry's whole log, transport by transport: "Unassigned
 * since at least 2015-01-09", "Assigned to frob on 2026-12-01 (request #5)", "renamed from a to b
 * on ...". Built by replaying the items that cover the port, in revision order.
 */
public final class PortTimeline {

    /** The state of the port on a transport: its status and the names on it. */
    record State(PortStatus status, List<String> names) {}

    /**
     * One item of the log that covers the port, with its change set.
     *
     * @param fullState true when its change set lists the whole registry (a seed): the replay
     *     starts afresh there
     * @param after the entry after the item; null when it was removed
     */
    public record Step(
            long revision,
            LocalDate day,
            String kind,
            boolean fullState,
            Long requestId,
            String source,
            long changeId,
            long entryId,
            Entry after) {}

    /**
     * One line of the timeline: on {@code day}, by change set {@code revision}, the port on {@code
     * transports} became {@code status} (with {@code names}).
     *
     * @param text the sentence pages show ("Assigned to frob", "renamed from a to b", "Unassigned
     *     since at least 2015-01-09")
     */
    public record Event(
            long revision,
            LocalDate day,
            String kind,
            Long requestId,
            String source,
            String changeUrl,
            List<Transport> transports,
            PortStatus status,
            List<String> names,
            String text) {

        /** "tcp, udp" or "all transports". */
        public String transportText() {
            if (transports.size() == Transport.ALL.size()) {
                return "all transports";
            }
            return String.join(", ", transports.stream().map(Transport::slug).toList());
        }
    }

    /**
     * The timeline of a port.
     *
     * @param applications for each name and transport a request put on the port, that request (the
     *     "original application" of the entry); keys from {@link #applicationKey}
     */
    public record View(int port, List<Event> events, Map<String, Long> applications) {

        public View {
            applications = Map.copyOf(applications);
        }

        /** The request that registered this entry of the port, or null (imported, or not one). */
        public Long applicationOf(RegistryViews.EntryView e) {
            return e.serviceName() == null
                    ? null
                    : applications.get(applicationKey(e.serviceName(), e.transport()));
        }
    }

    /** "name/transport" in lower case; "name/" for an entry of every transport. */
    static String applicationKey(String serviceName, String transportSlug) {
        return serviceName.toLowerCase(Locale.ROOT)
                + "/"
                + (transportSlug == null ? "" : transportSlug);
    }

    private PortTimeline() {}

    /** Replays {@code steps} (in revision order) and keeps what changed the port's state. */
    public static View of(int port, List<Step> steps) {
        Map<Long, Entry> covering = new LinkedHashMap<>();
        Map<Transport, State> state = new EnumMap<>(Transport.class);
        List<Event> out = new ArrayList<>();
        Map<String, Long> applications = new LinkedHashMap<>();
        int i = 0;
        boolean first = true;
        while (i < steps.size()) {
            Step head = steps.get(i);
            if (head.fullState()) {
                covering.clear();
            }
            while (i < steps.size() && steps.get(i).revision() == head.revision()) {
                Step s = steps.get(i++);
                forgetApplication(applications, covering.get(s.entryId()), s.after());
                if (s.after() == null || !s.after().covers(port)) {
                    covering.remove(s.entryId());
                } else {
                    covering.put(s.entryId(), s.after());
                    noteApplication(applications, s);
                }
            }
            Map<State, List<Transport>> changed = new LinkedHashMap<>();
            Map<Transport, State> before = new EnumMap<>(state);
            for (Transport t : Transport.ALL) {
                State now = stateOf(covering, t);
                if (!now.equals(state.get(t))) {
                    state.put(t, now);
                    changed.computeIfAbsent(now, k -> new ArrayList<>()).add(t);
                }
            }
            for (Map.Entry<State, List<Transport>> c : changed.entrySet()) {
                State now = c.getKey();
                State was = before.get(c.getValue().get(0));
                out.add(
                        new Event(
                                head.revision(),
                                head.day(),
                                head.kind(),
                                head.requestId(),
                                head.source(),
                                "/changes/" + head.changeId(),
                                List.copyOf(c.getValue()),
                                now.status(),
                                now.names(),
                                text(first || was == null, head.day(), was, now)));
            }
            if (!covering.isEmpty() || !changed.isEmpty()) {
                first = false;
            }
        }
        return new View(port, List.copyOf(out), applications);
    }

    /** An entry that loses its name here (de-assigned, renamed, removed) loses its application. */
    private static void forgetApplication(Map<String, Long> applications, Entry was, Entry now) {
        if (was == null || was.serviceName() == null) {
            return;
        }
        boolean same =
                now != null
                        && was.serviceName()
                                .equalsIgnoreCase(
                                        now.serviceName() == null ? "" : now.serviceName())
                        && was.transport() == now.transport()
                        && now.ports() != null;
        if (!same) {
            applications.remove(
                    applicationKey(
                            was.serviceName(),
                            was.transport() == null ? null : was.transport().slug()));
        }
    }

    /**
     * The first request that put a name on the port on a transport registered it; a later import of
     * the same entry does not change who applied for it.
     */
    private static void noteApplication(Map<String, Long> applications, Step s) {
        Entry e = s.after();
        if (s.requestId() == null || e.serviceName() == null || s.after().ports() == null) {
            return;
        }
        applications.putIfAbsent(
                applicationKey(
                        e.serviceName(), e.transport() == null ? null : e.transport().slug()),
                s.requestId());
    }

    private static State stateOf(Map<Long, Entry> covering, Transport t) {
        PortStatus status = PortStatus.UNLISTED;
        List<String> names = new ArrayList<>(2);
        for (Entry e : covering.values()) {
            if (!e.covers(t)) {
                continue;
            }
            status = status.strongest(e.status());
            if (e.serviceName() != null && !names.contains(e.serviceName())) {
                names.add(e.serviceName());
            }
        }
        return new State(status, List.copyOf(names));
    }

    static String text(boolean first, LocalDate day, State was, State now) {
        String what = describe(now);
        if (first) {
            return what + " since at least " + day;
        }
        if (was.status() == PortStatus.ASSIGNED
                && now.status() == PortStatus.ASSIGNED
                && !Objects.equals(was.names(), now.names())
                && was.names().size() == 1
                && now.names().size() == 1) {
            return "renamed from "
                    + was.names().get(0)
                    + " to "
                    + now.names().get(0)
                    + " on "
                    + day;
        }
        return what + " on " + day + " (was " + describe(was).toLowerCase(Locale.ROOT) + ")";
    }

    private static String describe(State s) {
        if (s.status() == PortStatus.ASSIGNED && !s.names().isEmpty()) {
            return "Assigned to " + String.join(", ", s.names());
        }
        return s.status().label;
    }
}
