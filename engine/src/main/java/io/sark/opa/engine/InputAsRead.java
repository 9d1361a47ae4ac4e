package io.sark.opa.engine;

/**
 * The input of one evaluation as its entrypoint reads it ({@link OpaPolicy#inputAsRead}): JSON text, and whether the
 * host has checked it already. Text the host checked and cut to the parts read (by {@link InputScanner} or
 * {@link ObjectInputProjector}) is evaluated without a second scan; any other text is scanned by the instance, which
 * refuses it there if it must.
 */
public final class InputAsRead {

    private final byte[] json;
    private final boolean checked;

    private InputAsRead(byte[] json, boolean checked) {
        this.json = json;
        this.checked = checked;
    }

    /** Text the host has not checked (null for no input): the instance checks it when it evaluates it. */
    public static InputAsRead of(byte[] json) {
        return new InputAsRead(json, false);
    }

    /** Text the host made or checked within its limits: one valid JSON value with only the parts read. */
    static InputAsRead checked(byte[] json) {
        return new InputAsRead(json, true);
    }

    /** The JSON text (null for no input): what keys cached decisions. */
    public byte[] json() {
        return json;
    }

    boolean checked() {
        return checked;
    }
}
