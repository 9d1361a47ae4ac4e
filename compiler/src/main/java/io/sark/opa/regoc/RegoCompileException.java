package io.sark.opa.regoc;

import io.sark.opa.rego.Location;

/** A Rego program the compiler rejects, with the file, line and column of the offending construct. */
public final class RegoCompileException extends RuntimeException {
    private final transient Location location;
    private final boolean unsupported;

    public RegoCompileException(Location location, String problem) {
        this(location, problem, false);
    }

    private RegoCompileException(Location location, String problem, boolean unsupported) {
        super((location == null ? "<unknown>" : location.toString()) + ": " + problem);
        this.location = location;
        this.unsupported = unsupported;
    }

    public Location location() {
        return location;
    }

    /** Valid Rego this compiler cannot compile yet (rather than an error OPA would report too). */
    public boolean isUnsupported() {
        return unsupported;
    }

    static RegoCompileException unsupported(Location location, String construct) {
        return new RegoCompileException(location, "unsupported construct: " + construct, true);
    }
}
