package io.sark.opa.regoc;

import io.sark.opa.rego.Location;

/** A Rego program the compiler rejects, with the file, line and column of the offending construct. */
public final class RegoCompileException extends RuntimeException {
    private final transient Location location;

    public RegoCompileException(Location location, String problem) {
        super((location == null ? "<unknown>" : location.toString()) + ": " + problem);
        this.location = location;
    }

    public Location location() {
        return location;
    }

    static RegoCompileException unsupported(Location location, String construct) {
        return new RegoCompileException(location, "unsupported construct: " + construct);
    }
}
