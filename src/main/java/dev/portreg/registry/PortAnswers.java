package dev.portreg.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.registry.RegistryViews.PortView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BiFunction;

/**
 * The status JSON of a port ({@code GET /api/v1/ports/{port}}), written once per registry snapshot.
 * A snapshot never changes, so the bytes written for a port stay right until the next change set
 * publishes a new snapshot; then they are all dropped, as {@link PageCache} drops its pages.
 * Writing the JSON cost more than working out the answer (docs/performance.md), and the ports
 * people look up are few and looked up often.
 *
 * <p>At most {@link #MAX_PORTS} answers are kept (about 1 KB each); a crawl of every port starts
 * the cache again empty, so memory stays bounded.
 */
@ApplicationScoped
public class PortAnswers {

    static final int MAX_PORTS = 4096;

    private final BiFunction<RegistrySnapshot, Integer, byte[]> writer;
    private final SnapshotMemo<Integer, byte[]> answers = new SnapshotMemo<>(MAX_PORTS);

    @Inject
    PortAnswers(RegistryQueries queries, ObjectMapper mapper) {
        this((s, port) -> write(mapper, queries.port(s, port)));
    }

    /** For tests: {@code writer} writes the JSON of a port in a snapshot. */
    PortAnswers(BiFunction<RegistrySnapshot, Integer, byte[]> writer) {
        this.writer = writer;
    }

    /**
     * The status of {@code portText} in {@code s} as JSON: kept when {@code s} is the current
     * registry, written each time for an earlier one.
     *
     * @throws dev.portreg.common.ProblemException 400 (field "port") for what is not a port
     */
    public byte[] port(RegistrySnapshot s, String portText, boolean current) {
        int port = RegistryQueries.parsePort("port", portText);
        if (!current) {
            return writer.apply(s, port);
        }
        byte[] json = answers.get(s, port);
        if (json == null) {
            json = writer.apply(s, port);
            answers.put(s, port, json);
        }
        return json;
    }

    private static byte[] write(ObjectMapper mapper, PortView view) {
        try {
            return mapper.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status of port " + view.port(), e);
        }
    }

    /** How many answers are kept now. */
    int size() {
        return answers.size();
    }
}
