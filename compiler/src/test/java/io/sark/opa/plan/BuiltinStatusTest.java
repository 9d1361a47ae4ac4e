package io.sark.opa.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.builtins.catalog.BuiltinStatus;
import io.sark.opa.builtins.catalog.OpaBuiltinList;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.ir.Policy;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.regoc.RegoCompiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's builtin table (docs/builtins.md) agrees with the compiler: the engine cannot see the runtime library,
 * so its lists are data that these tests hold to what the library exports and what the planner does.
 */
class BuiltinStatusTest {

    @Test
    void runtimeNativeListIsWhatTheRuntimeLibraryImplements() {
        assertThat(RuntimeLibrary.bundled().nativeBuiltins(OpaBuiltinList.arities()))
                .containsExactlyInAnyOrderElementsOf(BuiltinStatus.RUNTIME_NATIVE);
    }

    /**
     * A use of each builtin the planner plans itself (print arrives as internal.print), in body order: a variable is
     * assigned before it is read, as OPA requires of `:=`, so the order must not follow a hash.
     */
    private static final Map<String, String> PLANNED_USES = new LinkedHashMap<>();

    static {
        PLANNED_USES.put("assign", "x := 1");
        PLANNED_USES.put("eq", "y = 2");
        PLANNED_USES.put("print", "print(\"p\", x)");
        PLANNED_USES.put("internal.print", "print(y)");
        PLANNED_USES.put("rego.metadata.rule", "m := rego.metadata.rule()");
        PLANNED_USES.put("rego.metadata.chain", "c := rego.metadata.chain()");
    }

    @Test
    void plannedBuiltinsAreCompiledWithoutAnyHostBuiltin() {
        assertThat(PLANNED_USES.keySet()).containsExactlyInAnyOrderElementsOf(BuiltinStatus.PLANNED);
        String rego = "package t\n# METADATA\n# title: r\nout := [x, y, m, c] if {\n    "
                + String.join("\n    ", PLANNED_USES.values()) + "\n}\n";
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego", rego, RegoVersion.V1)),
                List.of("t/out"));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("p.rego", policy);
        // with no host builtins, loading fails naming any builtin the module imports
        OpaPolicy.builder("t", Parser.parse(wasm)).withBuiltins(Builtins.empty()).build();
    }
}
