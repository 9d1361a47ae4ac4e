package io.sark.opa.plan;

import io.sark.opa.wasm.BinaryModule;
import io.sark.opa.wasm.WasmReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OPA-ABI runtime library module (see wasm-runtime/CONTRACT.md) that compiled plans are linked into.
 * Its bytes are read fresh for each compilation since linking mutates the module.
 */
public final class RuntimeLibrary {
    /** Classpath location of the library built from compiler/wasm-runtime. */
    public static final String RESOURCE = "/io/sark/opa/compiler/runtime/opa-runtime.wasm";

    private final byte[] bytes;

    private RuntimeLibrary(byte[] bytes) {
        this.bytes = bytes;
    }

    public static RuntimeLibrary of(byte[] wasm) {
        return new RuntimeLibrary(wasm.clone());
    }

    /** The library bundled in this jar. */
    public static RuntimeLibrary bundled() {
        try (InputStream in = RuntimeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("runtime library " + RESOURCE + " is missing from the classpath");
            }
            return new RuntimeLibrary(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read runtime library " + RESOURCE, e);
        }
    }

    /**
     * The builtins among {@code arities} (OPA name to operand count) that the library implements natively, so
     * that compiled plans call them inside the module instead of importing them from the host.
     */
    public Set<String> nativeBuiltins(Map<String, Integer> arities) {
        BinaryModule m = module();
        Set<String> out = new TreeSet<>();
        arities.forEach((name, arity) -> {
            if (Linkage.nativeBuiltin(m, name, arity).isPresent()) {
                out.add(name);
            }
        });
        return out;
    }

    /** A fresh, mutable copy of the library module. */
    BinaryModule module() {
        BinaryModule m = WasmReader.read(bytes);
        if (!m.hasNameSection()) {
            throw new PlanCompileException("runtime library has no name section; the plan compiler links by function name");
        }
        return m;
    }
}
