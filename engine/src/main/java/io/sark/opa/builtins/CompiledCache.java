package io.sark.opa.builtins;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A bounded cache of compiled patterns: policies reuse a handful, inputs must not grow it without limit. */
public final class CompiledCache<V> {
    private static final int LIMIT = 1024;
    private final ConcurrentHashMap<String, V> entries = new ConcurrentHashMap<>();

    public V get(String key, Function<String, V> compile) {
        V value = entries.get(key);
        if (value != null) {
            return value;
        }
        value = compile.apply(key);
        if (entries.size() >= LIMIT) {
            entries.clear();
        }
        entries.put(key, value);
        return value;
    }
}
