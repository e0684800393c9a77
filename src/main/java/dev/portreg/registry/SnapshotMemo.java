package dev.portreg.registry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Values worked out from one registry snapshot, kept while it is the current one. A snapshot is
 * immutable, so a value computed from it stays right until the next change set publishes a new
 * snapshot; the first use of that one drops every value of the old. At most {@code max} values are
 * kept: when a crawl fills the memo it starts again empty, so memory stays bounded. What {@link
 * PageCache} and {@link PortAnswers} keep.
 */
final class SnapshotMemo<K, V> {

    private record Generation<K, V>(RegistrySnapshot snapshot, ConcurrentHashMap<K, V> values) {}

    private final int max;
    private volatile Generation<K, V> current = new Generation<>(null, new ConcurrentHashMap<>());

    SnapshotMemo(int max) {
        this.max = max;
    }

    /** The value kept for {@code key} of snapshot {@code s}, or null. */
    V get(RegistrySnapshot s, K key) {
        Generation<K, V> g = current;
        return g.snapshot() == s ? g.values().get(key) : null;
    }

    /** Keeps {@code value} for {@code key} of {@code s}, dropping an older snapshot's values. */
    void put(RegistrySnapshot s, K key, V value) {
        Generation<K, V> g = current;
        if (g.snapshot() != s) {
            g = new Generation<>(s, new ConcurrentHashMap<>());
            current = g;
        }
        if (g.values().size() >= max) {
            g.values().clear();
        }
        g.values().put(key, value);
    }

    /** How many values are kept now. */
    int size() {
        return current.values().size();
    }
}
