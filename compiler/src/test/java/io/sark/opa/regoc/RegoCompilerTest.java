package io.sark.opa.regoc;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.ir.PlanReader;
import io.sark.opa.ir.PlanWriter;
import io.sark.opa.ir.Policy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rego compiled to a plan and run on the engine; compile errors point at file, line and column. */
class RegoCompilerTest {

    static String eval(String rego, String entrypoint, String data, String input) {
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego", rego, RegoVersion.V1)),
                List.of(entrypoint));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("p.rego", policy);
        return OpaPolicy.builder("t", Parser.parse(wasm)).withData(data.getBytes(StandardCharsets.UTF_8))
                .withBuiltins(Builtins.defaults()).build().newInstance()
                .evaluate(entrypoint, input.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }

    /** Compiles one v1 module; for tests of compile errors. */
    static void compile(String file, String rego, String entrypoint) {
        RegoCompiler.compile(List.of(RegoParser.parseModule(file, rego, RegoVersion.V1)), List.of(entrypoint));
    }

    @Test
    void partialSetsObjectsFunctionsAndElse() {
        String rego = """
                package t
                admins contains name if { some name, role in data.roles; role == "admin" }
                counts[k] := count(v) if { some k, v in input }
                double(x) := y if { y := x * 2 }
                size := "big" if { count(admins) > 1 } else := "small"
                out := {"admins": admins, "counts": counts, "d": double(21), "size": size, "n": [x | some x in [1, 2]; not x == 2]}
                """;
        String got = eval(rego, "t/out", "{\"roles\":{\"a\":\"admin\",\"b\":\"user\",\"c\":\"admin\"}}",
                "{\"p\":[1,2],\"q\":\"abc\"}");
        assertThat(got).isEqualTo(
                "[{\"result\":{\"admins\":[\"a\",\"c\"],\"counts\":{\"p\":2,\"q\":3},\"d\":42,\"n\":[1],\"size\":\"big\"}}]");
    }

    @Test
    void patternsInRefsAndObjectsUnifyAndRefHeadsMergeIntoOneDocument() {
        String rego = """
                package t
                pairs contains [1, 2]
                pairs contains [1, 3]
                pairs contains [2, 2]
                p.q.r := 1
                p.q[s] := 2 if s := "s"
                out := [xs, z, p, some_key] if {
                    xs := [a | pairs[[1, a]]]
                    {"x": x, "y": 2} = {"x": 1, "y": y}
                    z := [x, y]
                    some k
                    k == input.ks[k]
                    some_key := k
                }
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"ks\":[2,1,0]}"))
                .isEqualTo("[{\"result\":[[2,3],[1,2],{\"q\":{\"r\":1,\"s\":2}},1]}]");
    }

    @Test
    void refHeadsWithSeveralVariablesBuildNestedObjects() {
        String rego = """
                package t
                by_team[team][name] := role if { some u in input.users; team := u.team; name := u.name; role := u.role }
                by_team.ops.root := "admin"
                """;
        assertThat(eval(rego, "t/by_team", "{}", "{\"users\":[{\"team\":\"a\",\"name\":\"x\",\"role\":\"r1\"},"
                + "{\"team\":\"a\",\"name\":\"y\",\"role\":\"r2\"},{\"team\":\"b\",\"name\":\"z\",\"role\":\"r3\"}]}"))
                .isEqualTo("[{\"result\":{\"a\":{\"x\":\"r1\",\"y\":\"r2\"},\"b\":{\"z\":\"r3\"},\"ops\":{\"root\":\"admin\"}}}]");
    }

    @Test
    void packagesWithoutRulesAreEmptyDocuments() {
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("a.rego", "package t.a\nx := 1\n", RegoVersion.V1),
                RegoParser.parseModule("b.rego", "package t.b\n", RegoVersion.V1)), List.of("t"));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("t", policy);
        assertThat(OpaPolicy.builder("t", Parser.parse(wasm)).withBuiltins(Builtins.defaults()).build().newInstance()
                .evaluate("t", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)))
                .isEqualTo("[{\"result\":{\"a\":{\"x\":1},\"b\":{}}}]");
    }

    @Test
    void conflictingCompleteRuleValuesAreAnError() {
        String rego = "package t\nx := 1 if input.a\nx := 2 if input.b\n";
        assertThat(eval(rego, "t/x", "{}", "{\"a\":true}")).isEqualTo("[{\"result\":1}]");
        assertThatThrownBy(() -> eval(rego, "t/x", "{}", "{\"a\":true,\"b\":true}")).hasMessageContaining("conflict");
    }

    @Test
    void unsafeVariableNamesFileLineAndColumn() {
        assertThatThrownBy(() -> compile("bad.rego", "package t\nallow if {\n  x == y\n}\n", "t/allow"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessageMatching("1 error occurred: bad\\.rego:3:\\d+: rego_unsafe_var_error: var [xy] is unsafe");
    }

    @Test
    void unsupportedConstructSaysWhich() {
        assertThatThrownBy(() -> compile("w.rego", "package t\np if {\n  {input.k: x} = input.o; x\n}\n", "t/p"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("1 error occurred: w.rego:3:3: rego_compile_error: unsupported construct: unification of patterns other than arrays");
    }

    @Test
    void writtenPlanReadsBackToTheSamePolicy() {
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("demo.rego",
                DemoPolicyDifferentialTest.DEMO, RegoVersion.V1)), List.of(DemoPolicyDifferentialTest.ENTRY));
        assertThat(PlanReader.read("written", PlanWriter.write(policy))).isEqualTo(policy);
    }
}
