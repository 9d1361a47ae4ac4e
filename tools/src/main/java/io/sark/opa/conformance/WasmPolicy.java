package io.sark.opa.conformance;

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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinContext;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A minimal OPA wasm ABI host over Chicory's interpreter, for running compiled plans in conformance runs:
 * it adds what the engine's API does not expose (strict builtin errors, input given as Rego term text).
 * Host builtins come from a {@link Builtins} registry. Not thread-safe.
 */
public final class WasmPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGES = 1024;

    private final Instance instance;
    private final Memory memory;
    private final Map<String, ExportFunction> exports = new HashMap<>();
    private final Map<Integer, Builtin> hostBuiltins = new HashMap<>();
    private final Map<Integer, String> hostBuiltinNames = new HashMap<>();
    private final Builtins builtins;
    private Context context = new Context(false);

    public WasmPolicy(byte[] wasm, Builtins builtins) {
        this.builtins = builtins;
        WasmModule module = Parser.parse(wasm);
        MemoryLimits declared = module.importSection().stream()
                .filter(i -> i instanceof MemoryImport)
                .map(i -> ((MemoryImport) i).limits())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("module imports no memory"));
        memory = new ByteArrayMemory(new MemoryLimits(declared.initialPages(), MAX_PAGES));
        List<HostFunction> fns = new ArrayList<>();
        fns.add(new HostFunction("env", "opa_abort", FunctionType.of(List.of(ValType.I32), List.of()), (inst, args) -> {
            String message = memory.readCString((int) args[0]);
            throw new EvalError(EvalError.codeIn(message), message);
        }));
        fns.add(new HostFunction("env", "opa_println", FunctionType.of(List.of(ValType.I32), List.of()),
                (inst, args) -> null));
        for (int n = 0; n <= 4; n++) {
            fns.add(new HostFunction("env", "opa_builtin" + n,
                    FunctionType.of(Collections.nCopies(n + 2, ValType.I32), List.of(ValType.I32)),
                    (inst, args) -> new long[] {callBuiltin(args)}));
        }
        ImportValues imports = ImportValues.builder()
                .addMemory(new ImportMemory("env", "memory", memory))
                .withFunctions(new ArrayList<>(fns))
                .build();
        instance = Instance.builder(module).withImportValues(imports).build();
        JsonNode ids = readJson(call("builtins"));
        for (Iterator<Map.Entry<String, JsonNode>> it = ids.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            hostBuiltinNames.put(e.getValue().asInt(), e.getKey());
            builtins.find(e.getKey()).ifPresent(b -> hostBuiltins.put(e.getValue().asInt(), b));
        }
    }

    /** Entrypoint name to id, from the module's {@code entrypoints()}. */
    public Map<String, Integer> entrypoints() {
        Map<String, Integer> out = new HashMap<>();
        readJson(call("entrypoints")).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    /** Names of the builtins the module imports from the host (its {@code builtins()} export). */
    public java.util.Set<String> importedBuiltins() {
        return new java.util.TreeSet<>(hostBuiltinNames.values());
    }

    /** Host builtins the module imports that the registry lacks. */
    public List<String> missingBuiltins() {
        List<String> out = new ArrayList<>();
        hostBuiltinNames.forEach((id, name) -> {
            if (!hostBuiltins.containsKey(id)) {
                out.add(name);
            }
        });
        return out;
    }

    /** Parses JSON text into a value in the module's memory (0 when invalid). */
    public int parseJson(String json) {
        return parse("opa_json_parse", json);
    }

    /** Parses Rego value text (JSON plus set literals) into a value (0 when invalid). */
    public int parseValue(String text) {
        return parse("opa_value_parse", text);
    }

    /**
     * Evaluates an entrypoint; returns the result set as JSON. {@code input} is a value address or 0.
     * Throws {@link EvalError} when evaluation aborts.
     */
    public JsonNode evaluate(int entrypoint, int data, int input, boolean strictBuiltinErrors) {
        context = new Context(strictBuiltinErrors);
        if (hasExport("opa_strict_builtin_errors_set")) {
            call("opa_strict_builtin_errors_set", strictBuiltinErrors ? 1 : 0);
        }
        int ctx = call("opa_eval_ctx_new");
        call("opa_eval_ctx_set_input", ctx, input);
        call("opa_eval_ctx_set_data", ctx, data);
        call("opa_eval_ctx_set_entrypoint", ctx, entrypoint);
        call("eval", ctx);
        return readJson(call("opa_eval_ctx_get_result", ctx));
    }

    private int parse(String function, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int addr = call("opa_malloc", bytes.length);
        memory.write(addr, bytes);
        return call(function, addr, bytes.length);
    }

    private JsonNode readJson(int value) {
        if (value == 0) {
            return null;
        }
        String text = memory.readCString(call("opa_json_dump", value));
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("opa_json_dump gave invalid JSON: " + text, e);
        }
    }

    private long callBuiltin(long[] args) {
        int id = (int) args[0];
        Builtin b = hostBuiltins.get(id);
        if (b == null) {
            throw new EvalError("eval_builtin_error", "builtin " + hostBuiltinNames.getOrDefault(id, "#" + id)
                    + " is not implemented by the host");
        }
        JsonNode[] operands = new JsonNode[args.length - 2];
        for (int i = 0; i < operands.length; i++) {
            operands[i] = readJson((int) args[i + 2]);
        }
        JsonNode result;
        try {
            result = b.call(context, operands);
        } catch (BuiltinException e) {
            if (!context.strictBuiltinErrors()) {
                return 0;
            }
            throw new EvalError(e.code(), e.code() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (!context.strictBuiltinErrors()) {
                return 0;
            }
            throw new EvalError("eval_builtin_error", "eval_builtin_error: " + b.name() + ": " + e);
        }
        if (result == null) {
            return 0;
        }
        return b.returnsSet() && result.isArray() ? parseValue(setText(result)) : parseJson(result.toString());
    }

    /** Rego text of a set holding the elements of a JSON array. */
    private static String setText(JsonNode array) {
        if (array.isEmpty()) {
            return "set()";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < array.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(array.get(i).toString());
        }
        return sb.append('}').toString();
    }

    private boolean hasExport(String name) {
        try {
            exportFunction(name);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private ExportFunction exportFunction(String name) {
        return exports.computeIfAbsent(name, instance::export);
    }

    private int call(String name, long... args) {
        long[] r = exportFunction(name).apply(args);
        return r == null || r.length == 0 ? 0 : (int) r[0];
    }

    /** Per-evaluation builtin state: one clock reading, one memo. */
    private static final class Context implements BuiltinContext {
        private final boolean strict;
        private final long now = System.currentTimeMillis() * 1_000_000L;
        private final Map<String, Object> memo = new HashMap<>();

        Context(boolean strict) {
            this.strict = strict;
        }

        @Override
        public long nowNanos() {
            return now;
        }

        @Override
        public Map<String, Object> memo() {
            return memo;
        }

        @Override
        public boolean strictBuiltinErrors() {
            return strict;
        }
    }
}
