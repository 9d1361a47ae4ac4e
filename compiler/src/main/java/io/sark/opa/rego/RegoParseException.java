package io.sark.opa.rego;

/** A syntax error in a Rego module; the message reads {@code file:row:col: what was expected}. */
public final class RegoParseException extends RuntimeException {
    private final Location location;
    private final String detail;

    public RegoParseException(Location location, String detail) {
        super(location + ": " + detail);
        this.location = location;
        this.detail = detail;
    }

    public Location location() {
        return location;
    }

    /** The error as OPA reports it, code {@code rego_parse_error}. */
    public RegoError error() {
        return new RegoError(RegoError.PARSE, location, detail);
    }
}
