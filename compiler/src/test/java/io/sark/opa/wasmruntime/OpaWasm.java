package io.sark.opa.wasmruntime;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A minimal OPA wasm ABI host over Chicory (interpreter), for testing the runtime library (public: the engine's tests of the library's layout use it too). */
public final class OpaWasm {
    static final String RUNTIME = "/io/sark/opa/compiler/runtime/opa-runtime.wasm";

    /** opa_abort from the module. */
    static final class Abort extends RuntimeException {
        Abort(String message) {
            super(message);
        }
    }

    final Instance instance;
    public final Memory memory;
    final List<String> printed = new ArrayList<>();
    private final Map<String, ExportFunction> functions = new HashMap<>();
    private final WasmModule module;

    OpaWasm(byte[] wasm) {
        this(wasm, 256);
    }

    OpaWasm(byte[] wasm, int maxPages) {
        module = Parser.parse(wasm);
        MemoryLimits declared = module.importSection().stream()
                .filter(i -> i instanceof MemoryImport)
                .map(i -> ((MemoryImport) i).limits())
                .findFirst().orElseThrow();
        memory = new ByteArrayMemory(new MemoryLimits(declared.initialPages(), maxPages));
        List<HostFunction> fns = new ArrayList<>();
        fns.add(new HostFunction("env", "opa_abort", FunctionType.of(List.of(ValType.I32), List.of()),
                (inst, args) -> {
                    throw new Abort(memory.readCString((int) args[0]));
                }));
        fns.add(new HostFunction("env", "opa_println", FunctionType.of(List.of(ValType.I32), List.of()),
                (inst, args) -> {
                    printed.add(memory.readCString((int) args[0]));
                    return null;
                }));
        for (int n = 0; n <= 4; n++) {
            int arity = n;
            fns.add(new HostFunction("env", "opa_builtin" + n,
                    FunctionType.of(Collections.nCopies(n + 2, ValType.I32), List.of(ValType.I32)),
                    (inst, args) -> {
                        throw new AssertionError("unexpected host builtin call, arity " + arity);
                    }));
        }
        ImportValues imports = ImportValues.builder()
                .addMemory(new ImportMemory("env", "memory", memory))
                .withFunctions(new ArrayList<>(fns))
                .build();
        instance = Instance.builder(module).withImportValues(imports).build();
    }

    public static OpaWasm runtime() {
        return new OpaWasm(resource(RUNTIME));
    }

    static byte[] resource(String name) {
        try (InputStream in = OpaWasm.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls a function by export name, or by its name-section name when it is not exported. */
    public long call(String name, long... args) {
        ExportFunction f = functions.computeIfAbsent(name, this::lookup);
        long[] r = f.apply(args);
        return r == null || r.length == 0 ? 0 : r[0];
    }

    private ExportFunction lookup(String name) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            if (module.exportSection().getExport(i).name().equals(name)) {
                return instance.export(name);
            }
        }
        int total = module.importSection().count(com.dylibso.chicory.wasm.types.ExternalType.FUNCTION)
                + module.functionSection().functionCount();
        for (int idx = 0; idx < total; idx++) {
            if (name.equals(module.nameSection().nameOfFunction(idx))) {
                int index = idx;
                return args -> instance.getMachine().call(index, args);
            }
        }
        throw new IllegalArgumentException("no function named " + name);
    }

    boolean hasFunction(String name) {
        try {
            lookup(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public int calli(String name, long... args) {
        return (int) call(name, args);
    }

    int write(byte[] bytes) {
        int addr = calli("opa_malloc", bytes.length);
        memory.write(addr, bytes);
        return addr;
    }

    /** opa_json_parse; 0 when the text is not valid JSON. */
    public int parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    int parse(byte[] json) {
        int addr = write(json);
        int v = calli("opa_json_parse", addr, json.length);
        call("opa_free", addr);
        return v;
    }

    int valueParse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int addr = write(bytes);
        return calli("opa_value_parse", addr, bytes.length);
    }

    public String dump(int value) {
        return cstring(calli("opa_json_dump", value));
    }

    String valueDump(int value) {
        return cstring(calli("opa_value_dump", value));
    }

    String cstring(int addr) {
        int end = addr;
        while (memory.read(end) != 0) {
            end++;
        }
        return new String(memory.readBytes(addr, end - addr), StandardCharsets.UTF_8);
    }

    /** Rego value text to a value (opa_value_parse); fails the test on a parse error. */
    int v(String rego) {
        int v = valueParse(rego);
        if (v == 0) {
            throw new AssertionError("opa_value_parse rejected " + rego);
        }
        return v;
    }

    /** Calls native builtin opa_builtin_<name> on Rego value texts; its result as Rego text, or null (undefined). */
    String builtin(String name, String... args) {
        long[] addrs = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            addrs[i] = v(args[i]);
        }
        int r = calli("opa_builtin_" + name.replace('.', '_'), addrs);
        return r == 0 ? null : valueDump(r);
    }

    /** JSON round trip through the module: parse then dump (null when the text is rejected). */
    String roundTrip(String json) {
        int v = parse(json);
        return v == 0 ? null : dump(v);
    }
}
