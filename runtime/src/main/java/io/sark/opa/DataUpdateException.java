package io.sark.opa;

/** A {@link PolicyData} update that could not apply; the data is unchanged. */
public class DataUpdateException extends RuntimeException {

    /** Why the update failed, as OPA's Data API tells them apart. */
    public enum Reason {
        /** The document the update needs (the target, or for {@code add} its parent) does not exist. */
        NOT_FOUND,
        /** A document in the way of the path is neither an object nor an array ({@code PUT} cannot make parents there). */
        CONFLICT,
        /** The update itself is wrong: a bad path, operation or value (e.g. a root that is not an object). */
        INVALID
    }

    private final Reason reason;

    public DataUpdateException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
