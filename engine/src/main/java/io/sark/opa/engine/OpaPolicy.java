package io.sark.opa.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Map;
import java.util.function.Function;

/**
 * A loaded OPA policy module: validated once, then a template for {@link OpaInstance}s. Thread-safe.
 *
 * <p>API CONTRACT (being implemented): the extension codes against these signatures.
 */
public final class OpaPolicy {

    public static Builder builder(String name, WasmModule module) {
        return new Builder(name, module);
    }

    /** Policy name used in every error message (bundle or file name). */
    public String name() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Entrypoint name (as the module's {@code entrypoints()} export gives it, e.g. {@code opa/wasm/test/allowed}) to id. */
    public Map<String, Integer> entrypoints() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** ABI version of the module, e.g. 1.3. */
    public AbiVersion abiVersion() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A new wasm instance with the policy's data loaded. Not thread-safe; one per thread or pooled. */
    public OpaInstance newInstance() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static final class Builder {
        private Builder(String name, WasmModule module) {}

        /** Compiled machine (from classes Chicory generated at build time); interpreter when not set. */
        public Builder withMachineFactory(Function<Instance, Machine> machineFactory) {
            return this;
        }

        /** The base {@code data} document as JSON bytes; {@code {}} when not set. */
        public Builder withData(byte[] dataJson) {
            return this;
        }

        /** Host implementations for the module's imported builtins; defaults to {@link Builtins#defaults()}. */
        public Builder withBuiltins(Builtins builtins) {
            return this;
        }

        /** Upper bound of linear memory in 64 KiB pages. */
        public Builder withMaxMemoryPages(int pages) {
            return this;
        }

        /** Validates the ABI exports and version, the imported builtins and the data; throws {@link PolicyLoadException}. */
        public OpaPolicy build() {
            throw new UnsupportedOperationException("not implemented yet");
        }
    }

    public record AbiVersion(int major, int minor) {}
}
