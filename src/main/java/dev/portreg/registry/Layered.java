package dev.portreg.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable map that a few changes copy cheaply: a large base and a small layer of changes on
 * top of it (a removed key is in the layer with no value). A snapshot of 262,000 entries applies a
 * registry action by copying the layer, not the map; when the layer has grown to an eighth of the
 * base, the two are merged.
 */
final class Layered<K, V> {

    private static final Object REMOVED = new Object();

    private final Map<K, V> base;
    private final Map<K, Object> layer;
    private final int size;

    private Layered(Map<K, V> base, Map<K, Object> layer, int size) {
        this.base = base;
        this.layer = layer;
        this.size = size;
    }

    /** A map of {@code base}'s entries, which it keeps (the caller no longer changes it). */
    static <K, V> Layered<K, V> of(Map<K, V> base) {
        return new Layered<>(base, Map.of(), base.size());
    }

    @SuppressWarnings("unchecked")
    V get(K key) {
        Object v = layer.get(key);
        if (v != null) {
            return v == REMOVED ? null : (V) v;
        }
        return base.get(key);
    }

    int size() {
        return size;
    }

    /** This map with {@code changes} applied: a key mapped to null is removed. */
    Layered<K, V> with(Map<K, V> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<K, Object> next = new HashMap<>(layer.size() + changes.size() * 2);
        next.putAll(layer);
        int n = size;
        for (Map.Entry<K, V> c : changes.entrySet()) {
            boolean had = get(c.getKey()) != null;
            boolean has = c.getValue() != null;
            n += (has ? 1 : 0) - (had ? 1 : 0);
            next.put(c.getKey(), has ? c.getValue() : REMOVED);
        }
        if (next.size() > Math.max(1024, base.size() / 8)) {
            return new Layered<>(merge(next), Map.of(), n);
        }
        return new Layered<>(base, next, n);
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> merge(Map<K, Object> top) {
        Map<K, V> out = new HashMap<>((base.size() + top.size()) * 4 / 3 + 1);
        out.putAll(base);
        for (Map.Entry<K, Object> e : top.entrySet()) {
            if (e.getValue() == REMOVED) {
                out.remove(e.getKey());
            } else {
                out.put(e.getKey(), (V) e.getValue());
            }
        }
        return out;
    }

    /** Every key and value, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<K, V> action) {
        for (Map.Entry<K, V> e : base.entrySet()) {
            if (!layer.containsKey(e.getKey())) {
                action.accept(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<K, Object> e : layer.entrySet()) {
            if (e.getValue() != REMOVED) {
                action.accept(e.getKey(), (V) e.getValue());
            }
        }
    }
}
