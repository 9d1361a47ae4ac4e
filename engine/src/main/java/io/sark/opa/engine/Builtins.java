package io.sark.opa.engine;

import java.util.Optional;
import java.util.Set;

/**
 * Registry of host builtins by name. Immutable; {@link #with(Builtin)} returns a new registry.
 * API CONTRACT (being implemented).
 */
public final class Builtins {

    /** The catalogue this project implements. */
    public static Builtins defaults() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Builtins with(Builtin builtin) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Optional<Builtin> find(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Set<String> names() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
