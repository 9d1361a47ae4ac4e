package io.sark.opa.plan;

import io.sark.opa.engine.InputPaths;
import io.sark.opa.ir.Func;
import io.sark.opa.ir.InputReads;
import io.sark.opa.ir.Plan;
import io.sark.opa.ir.Policy;
import io.sark.opa.wasm.BinaryModule;
import io.sark.opa.wasm.ByteReader;
import io.sark.opa.wasm.CodeBuilder;
import io.sark.opa.wasm.FuncType;
import io.sark.opa.wasm.WasmWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Compiles an IR {@link Policy} into one OPA-ABI wasm module: the runtime library with the plan's
 * functions appended and the placeholder bodies of {@code eval}, {@code entrypoints}, {@code builtins}
 * and {@code opa_static_end} replaced (wasm-runtime/CONTRACT.md).
 */
public final class PlanCompiler {
    private static final int PAGE = 65536;

    private final RuntimeLibrary library;

    public PlanCompiler(RuntimeLibrary library) {
        this.library = library;
    }

    /** A compiler linking against the library bundled in this jar. */
    public static PlanCompiler withBundledRuntime() {
        return new PlanCompiler(RuntimeLibrary.bundled());
    }

    /** The wasm binary of {@code policy}; {@code source} names the plan in error messages. */
    public byte[] compile(String source, Policy policy) {
        try {
            return WasmWriter.write(link(policy));
        } catch (PlanCompileException e) {
            throw new PlanCompileException(source + ": " + e.getMessage());
        }
    }

    private BinaryModule link(Policy policy) {
        if (policy.plans().isEmpty()) {
            throw new PlanCompileException("the plan has no entrypoints");
        }
        BinaryModule module = library.module();
        int staticEnd = function(module, "opa_static_end");
        StaticData data = new StaticData(libraryStaticEnd(module, staticEnd));
        Linkage link = new Linkage(module, policy, data);

        byte[] placeholder = new CodeBuilder().unreachable().body(0);
        List<Integer> funcIndices = new ArrayList<>();
        for (Func f : policy.funcs()) {
            if (f.params().isEmpty()) {
                throw new PlanCompileException("function " + f.name() + " has no parameters (expected input and data)");
            }
            int index = module.addFunction(f.name(), FuncType.i32s(f.params().size()), placeholder);
            link.declarePlanFunc(f.name(), index);
            funcIndices.add(index);
        }
        for (int i = 0; i < policy.funcs().size(); i++) {
            module.replaceCode(funcIndices.get(i), new FuncCompiler(link).compile(policy.funcs().get(i), i));
        }
        List<Integer> planIndices = new ArrayList<>();
        for (Plan p : policy.plans()) {
            planIndices.add(module.addFunction("plan:" + p.name(), new FuncType(List.of(FuncType.I32), List.of()),
                    new FuncCompiler(link).compilePlan(p)));
        }
        module.replaceCode(function(module, "eval"), EntrypointFunctions.eval(link, planIndices));
        module.replaceCode(function(module, "entrypoints"),
                EntrypointFunctions.nameToId(link, policy.plans().stream().map(Plan::name).toList()));
        module.replaceCode(function(module, "builtins"),
                EntrypointFunctions.nameToId(link, List.copyOf(link.hostBuiltins().keySet())));

        // data goes last: everything above may still have added strings
        byte[] bytes = data.bytes();
        if (bytes.length > 0) {
            module.addData(data.base(), bytes);
        }
        module.replaceCode(staticEnd, new CodeBuilder().i32Const(data.end()).body(0));
        int pages = (data.end() + PAGE - 1) / PAGE;
        OptionalInt min = module.importedMemoryMinPages();
        if (min.isEmpty()) {
            throw new PlanCompileException("runtime library does not import env.memory");
        }
        if (min.getAsInt() < pages) {
            module.setImportedMemoryMinPages(pages);
        }
        // only print needs the host's opa_println; hosts without it (OPA's SDKs) reject modules importing it
        module.removeFunctionImportIfUnreachable("env", "opa_println");
        // the host passes each entrypoint only the parts of input it can read
        module.customSections().add(new BinaryModule.CustomSection(InputPaths.SECTION,
                InputReads.json(InputReads.of(policy)).getBytes(StandardCharsets.UTF_8)));
        return module;
    }

    private static int function(BinaryModule module, String name) {
        OptionalInt f = module.findFunction(name);
        if (f.isEmpty() || f.getAsInt() < module.importedFunctionCount()) {
            throw new PlanCompileException("runtime library does not define " + name + " (see wasm-runtime/CONTRACT.md)");
        }
        return f.getAsInt();
    }

    /**
     * The library's {@code opa_static_end} placeholder returns a constant (its {@code __heap_base}): where the
     * appended data starts. Its body is read as local declarations followed by an {@code i32.const}.
     */
    private static int libraryStaticEnd(BinaryModule module, int function) {
        ByteReader body = new ByteReader(module.code(function));
        long groups = body.u32();
        for (long g = 0; g < groups; g++) {
            body.u32();
            body.u8();
        }
        if (body.u8() != 0x41) {
            throw new PlanCompileException("runtime library's opa_static_end does not start with i32.const");
        }
        return (int) body.s64();
    }
}
