package io.sark.opa.wasm;

/** A wasm binary this reader cannot read, with the offset and the problem. */
public final class WasmFormatException extends RuntimeException {
    public WasmFormatException(String message) {
        super(message);
    }
}
