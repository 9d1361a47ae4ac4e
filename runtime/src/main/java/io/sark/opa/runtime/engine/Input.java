package io.sark.opa.runtime.engine;

import io.sark.opa.engine.InputAsRead;
import io.sark.opa.engine.OpaPolicy;

/**
 * The input of one decision as the engines get it: JSON text, or the caller's Java objects with their JSON text
 * written only when something needs all of it (a remote server, a decision log, an entrypoint that reads all of
 * input). The embedded engine takes only the parts it reads ({@link #readBy}), from the objects when it can.
 */
public final class Input {

    /** No input: OPA's {@code input} is undefined. */
    public static final Input NONE = new Input(null, null, null);

    private final Object objects;
    private final InputEncoder encoder;
    private volatile byte[] json;

    private Input(Object objects, InputEncoder encoder, byte[] json) {
        this.objects = objects;
        this.encoder = encoder;
        this.json = json;
    }

    /** Input that is JSON text already; {@code null} for none. */
    public static Input json(byte[] json) {
        return json == null ? NONE : new Input(null, null, json);
    }

    /** Input as Java objects, written by {@code encoder} when needed. */
    static Input objects(Object objects, InputEncoder encoder) {
        return new Input(objects, encoder, null);
    }

    /** All of the input as JSON text, written on first use; {@code null} for none. */
    public byte[] json() {
        byte[] text = json;
        if (text == null && objects != null) {
            text = encoder.encode(objects); // the same text whichever thread writes it first
            json = text;
        }
        return text;
    }

    /** The JSON text when it exists without writing it (input given as text, or written already), else null. */
    public byte[] writtenJson() {
        return json;
    }

    /** The length of the JSON text when it is known without writing it, else -1. */
    public int knownLength() {
        byte[] text = json;
        return text != null ? text.length : objects == null ? 0 : -1;
    }

    /** What {@code entrypoint} of {@code policy} reads ({@link OpaPolicy#inputAsRead}). */
    public InputAsRead readBy(OpaPolicy policy, String entrypoint) {
        if (json == null && objects != null) {
            InputAsRead read = encoder.project(policy, entrypoint, objects);
            if (read != null) {
                return read;
            }
        }
        return policy.inputAsRead(entrypoint, json());
    }
}
