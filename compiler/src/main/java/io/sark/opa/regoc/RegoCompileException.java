package io.sark.opa.regoc;

import io.sark.opa.rego.Location;
import io.sark.opa.rego.RegoError;
import java.util.ArrayList;
import java.util.List;

/**
 * Rego that does not compile, with every error found (OPA's {@code ast.Errors}): the message lists them one a
 * line as {@code file:row:col: code: message}, after OPA's "N errors occurred".
 */
public final class RegoCompileException extends RuntimeException {
    /** OPA's compiler stops at this many errors by default (CompileErrorLimitDefault). */
    static final int MAX_ERRORS = 10;

    private final transient List<RegoError> errors;
    private final boolean unsupported;

    /** A {@code rego_compile_error}. */
    public RegoCompileException(Location location, String message) {
        this(RegoError.COMPILE, location, message);
    }

    public RegoCompileException(String code, Location location, String message) {
        this(List.of(new RegoError(code, location, message)), false);
    }

    /** All the errors, at most {@link #MAX_ERRORS} of them then OPA's "error limit reached". */
    public RegoCompileException(List<RegoError> errors) {
        this(errors, false);
    }

    private RegoCompileException(List<RegoError> errors, boolean unsupported) {
        super(describe(capped(errors)));
        this.errors = capped(errors);
        this.unsupported = unsupported;
    }

    public List<RegoError> errors() {
        return errors;
    }

    /** Valid Rego this compiler cannot compile yet (rather than an error OPA would report too). */
    public boolean isUnsupported() {
        return unsupported;
    }

    static RegoCompileException unsupported(Location location, String construct) {
        return new RegoCompileException(List.of(new RegoError(RegoError.COMPILE, location,
                "unsupported construct: " + construct)), true);
    }

    private static List<RegoError> capped(List<RegoError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a compile error needs at least one error");
        }
        if (errors.size() <= MAX_ERRORS) {
            return List.copyOf(errors);
        }
        List<RegoError> out = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        out.add(new RegoError(RegoError.COMPILE, null, "error limit reached"));
        return List.copyOf(out);
    }

    /** OPA's {@code Errors.Error()}. */
    private static String describe(List<RegoError> errors) {
        if (errors.size() == 1) {
            return "1 error occurred: " + errors.get(0);
        }
        StringBuilder b = new StringBuilder().append(errors.size()).append(" errors occurred:");
        errors.forEach(e -> b.append('\n').append(e));
        return b.toString();
    }
}
