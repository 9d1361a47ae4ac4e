package io.sark.opa.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Registry of host builtins by name. Immutable; {@link #with(Builtin)} returns a new registry in which
 * the given builtin replaces any earlier one of the same name.
 */
public final class Builtins {

    private static final Builtins EMPTY = new Builtins(Map.of());

    private final Map<String, Builtin> byName;

    private Builtins(Map<String, Builtin> byName) {
        this.byName = byName;
    }

    /** A registry without builtins. */
    public static Builtins empty() {
        return EMPTY;
    }

    /** The catalogue this project implements. */
    public static Builtins defaults() {
        return DefaultsHolder.DEFAULTS;
    }

    /** A registry holding the given builtins (later ones win on equal names). */
    public static Builtins of(Iterable<? extends Builtin> builtins) {
        Map<String, Builtin> map = new LinkedHashMap<>();
        for (Builtin builtin : builtins) {
            map.put(checked(builtin).name(), builtin);
        }
        return new Builtins(Collections.unmodifiableMap(map));
    }

    /** This registry plus {@code builtin}, replacing one of the same name. */
    public Builtins with(Builtin builtin) {
        Map<String, Builtin> map = new LinkedHashMap<>(byName);
        map.put(checked(builtin).name(), builtin);
        return new Builtins(Collections.unmodifiableMap(map));
    }

    /** This registry plus all of {@code other}'s builtins (the other's win on equal names). */
    public Builtins withAll(Builtins other) {
        Map<String, Builtin> map = new LinkedHashMap<>(byName);
        map.putAll(other.byName);
        return new Builtins(Collections.unmodifiableMap(map));
    }

    public Optional<Builtin> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public int size() {
        return byName.size();
    }

    @Override
    public String toString() {
        return "Builtins" + byName.keySet();
    }

    private static Builtin checked(Builtin builtin) {
        Objects.requireNonNull(builtin, "builtin");
        Objects.requireNonNull(builtin.name(), "builtin name");
        return builtin;
    }

    /** Lazily built so that the registry class loads without the whole catalogue. */
    private static final class DefaultsHolder {
        static final Builtins DEFAULTS = Builtins.of(io.sark.opa.builtins.catalog.Catalogue.builtins());
    }
}
